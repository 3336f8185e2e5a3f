import { HEALTH_BITS, encodeFrame, formatTelemetryLine, type AasProfile, type Ack, type AckResult, type Event } from '@cansat/protocol';
import type { Clock } from '../board/clock.ts';
import type { EventBody, FlightCore, PacketKind } from '../flight-core.ts';
import type { BlackBox } from '../storage/black-box.ts';
import type { Radio } from './radio.ts';

/** Events and acks kept while the radio is down. */
export const BACKLOG_LIMIT = 100;

/** Options of Downlink. */
export interface DownlinkOptions {
  core: FlightCore;
  radio: Radio;
  blackBox: BlackBox;
  clock: Clock;
  /** The AAS profile of the telemetry lines, or null for binary frames. */
  profile: AasProfile | null;
  /** A write to the card failed (error) or worked again (null). */
  onStorage: (error: unknown) => void;
  log: (line: string) => void;
}

/**
 * Everything the CanSat sends: telemetry, events and acks, each with the next packet count of its kind. Each
 * packet is written to the black box before it goes to the radio, so a count can never be used twice, even if the
 * program dies between the two. Events and acks wait (up to BACKLOG_LIMIT) while the radio is down; telemetry does
 * not, the next one is newer.
 */
export class Downlink {
  private readonly backlog: Uint8Array[] = [];

  constructor(private readonly options: DownlinkOptions) {}

  /** Sends the telemetry of clock time `now`. */
  telemetry(now: number): void {
    const { core, profile } = this.options;
    const telemetry = core.telemetry(now);
    const bytes = profile === null ? encodeFrame(telemetry) : new TextEncoder().encode(formatTelemetryLine(telemetry, profile));
    this.log('telemetry', telemetry.packetCount, bytes);
    this.transmit(bytes, false);
  }

  /** Sends an event (the AAS line format has none: it stays in the black box). */
  event(body: EventBody): void {
    const { core } = this.options;
    const event: Event = { type: 'event', teamId: core.state.teamId, packetCount: core.state.eventCount + 1, missionTime: this.missionTime(), ...body };
    const bytes = encodeFrame(event);
    this.options.log(`event ${event.event} ${event.subject} in ${event.state}`);
    this.log('event', event.packetCount, bytes);
    if (this.options.profile === null) this.transmit(bytes, true);
  }

  /** Answers a signed command (binary format only: AAS command lines get no ack). */
  ack(counter: number, command: Ack['command'], result: AckResult): void {
    if (this.options.profile !== null) return;
    const { core } = this.options;
    const ack: Ack = { type: 'ack', teamId: core.state.teamId, packetCount: core.state.ackCount + 1, missionTime: this.missionTime(), counter, command, result };
    const bytes = encodeFrame(ack);
    this.log('ack', ack.packetCount, bytes);
    this.transmit(bytes, true);
  }

  /** The radio is up again: what waited goes out, oldest first. */
  radioUp(): void {
    for (const bytes of this.backlog.splice(0)) this.transmit(bytes, true);
  }

  /** Keeps a command as received, in the black box only. */
  record(bytes: Uint8Array): void {
    this.append('command', 0, bytes);
  }

  private missionTime(): number {
    return Math.round(this.options.core.missionTime(this.options.clock.now()));
  }

  /** Logs a packet and spends its count; the packet goes out even if the card refused it. */
  private log(kind: PacketKind, packetCount: number, bytes: Uint8Array): void {
    this.append(kind, packetCount, bytes);
    this.options.core.sent(kind, packetCount);
  }

  private append(kind: PacketKind | 'command', packetCount: number, bytes: Uint8Array): void {
    try {
      this.options.blackBox.append({ kind, packetCount, missionTime: this.options.core.missionTime(this.options.clock.now()), bytes });
      this.options.onStorage(null);
    } catch (error) {
      this.options.onStorage(error);
    }
  }

  /** Sends on the radio; `keep` holds the bytes until the radio is up again. */
  private transmit(bytes: Uint8Array, keep: boolean): void {
    const { radio, core } = this.options;
    if (radio.write(bytes)) return;
    core.setHealth(HEALTH_BITS.RADIO, true);
    if (!keep) return;
    this.backlog.push(bytes);
    if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
  }
}
