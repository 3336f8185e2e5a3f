import type { Random } from '../random.ts';

/** What the radio does to bytes, one direction. */
export interface LinkOptions {
  /** Air rate in baud, 8N1 framing: 10 bits a byte. */
  baud: number;
  /** Added to every delivery, ms. */
  latencyMs: number;
  /** Probability that a byte is lost on its own. */
  byteLoss: number;
  /** Probability that a whole radio packet is lost. */
  packetLoss: number;
  /** Probability that a bit arrives flipped. */
  bitErrorRate: number;
  /** Times with no link at all, ms on the link's clock. */
  blackouts: readonly { from: number; to: number }[];
}

/** Bytes the radio sends in one packet, as an XBee in transparent mode does (its RF payload is about 100 bytes). */
export const PACKET_BYTES = 100;

/** What a link did to the traffic it carried. */
export interface LinkStats {
  bytesIn: number;
  bytesOut: number;
  packets: number;
  packetsLost: number;
  bytesLost: number;
  bitsFlipped: number;
}

/** One packet on its way: the bytes that arrive, and when. */
export interface Delivery {
  bytes: Uint8Array;
  deliverAt: number;
}

/**
 * The radio between two UARTs, as a pure model: bytes queue for air time at the baud rate, then each packet may be
 * lost (or fall in a blackout), each byte may be lost, and each bit may flip. Random draws come from the caller's
 * seeded generator, so a run is repeatable.
 */
export class LinkImpairment {
  readonly stats: LinkStats = { bytesIn: 0, bytesOut: 0, packets: 0, packetsLost: 0, bytesLost: 0, bitsFlipped: 0 };
  private busyUntil = 0;

  /**
   * `lossAt`: a further chance of losing a packet that starts at a given time (ms), for a link whose quality
   * changes as the CanSat moves (a station's distance and antenna); drawn after `packetLoss`.
   */
  constructor(
    readonly options: LinkOptions,
    private readonly random: Random,
    private readonly lossAt?: (at: number) => number,
  ) {
    if (!(options.baud > 0)) throw new TypeError(`"baud" must be positive, not ${options.baud}`);
  }

  /** Plans the delivery of bytes written at `now` (ms): one delivery per packet that survives. */
  transmit(chunk: Uint8Array, now: number): Delivery[] {
    const deliveries: Delivery[] = [];
    this.stats.bytesIn += chunk.length;
    for (let at = 0; at < chunk.length; at += PACKET_BYTES) {
      const packet = chunk.subarray(at, at + PACKET_BYTES);
      const start = Math.max(now, this.busyUntil);
      this.busyUntil = start + (packet.length * 10 * 1000) / this.options.baud;
      this.stats.packets++;
      if (this.inBlackout(start, this.busyUntil) || this.random.chance(this.options.packetLoss) || (this.lossAt !== undefined && this.random.chance(this.lossAt(start)))) {
        this.stats.packetsLost++;
        this.stats.bytesLost += packet.length;
        continue;
      }
      const bytes = this.corrupt(packet);
      if (bytes.length > 0) deliveries.push({ bytes, deliverAt: this.busyUntil + this.options.latencyMs });
    }
    return deliveries;
  }

  private inBlackout(from: number, to: number): boolean {
    return this.options.blackouts.some((b) => from < b.to && to > b.from);
  }

  private corrupt(packet: Uint8Array): Uint8Array {
    const { byteLoss, bitErrorRate } = this.options;
    if (byteLoss === 0 && bitErrorRate === 0) {
      this.stats.bytesOut += packet.length;
      return packet.slice();
    }
    const out: number[] = [];
    for (const byte of packet) {
      if (this.random.chance(byteLoss)) {
        this.stats.bytesLost++;
        continue;
      }
      let value = byte;
      for (let bit = 0; bit < 8; bit++) {
        if (this.random.chance(bitErrorRate)) {
          value ^= 1 << bit;
          this.stats.bitsFlipped++;
        }
      }
      out.push(value);
    }
    this.stats.bytesOut += out.length;
    return Uint8Array.from(out);
  }
}
