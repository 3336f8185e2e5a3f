import { XbeeDeframer, address64, encodeXbeeFrame, type XbeeFrame } from '@cansat/protocol';

/** A module's settings, as its AT commands read and set them. */
export interface XbeeSettings {
  /** AP: 0 transparent, 1 API, 2 API with escapes. */
  apiMode: 0 | 1 | 2;
  /** Which frames it speaks in API mode: 802.15.4 (0x00/0x80 with RSSI) or ZigBee/DigiMesh (0x10/0x90). */
  protocol: '802.15.4' | 'zigbee';
  /** ID: PAN ID. */
  panId: number;
  /** CH: channel (802.15.4: 0x0B-0x1A). */
  channel: number;
  /** MY: 16-bit source address. */
  my: number;
  /** SH, SL: the factory 64-bit address. */
  serial: bigint;
  /** DH, DL: where transparent mode sends. */
  destination: bigint;
  /** BD: UART rate code (3: 9600, 7: 115200). */
  baudCode: number;
  /** PL: power level 0-4. */
  powerLevel: number;
  /** CE: coordinator enable. */
  coordinator: 0 | 1;
  /** VR: firmware version. */
  firmware: number;
  /** HV: hardware version. */
  hardware: number;
  /** GT: guard time around +++, ms. */
  guardTimeMs: number;
}

export const DEFAULT_XBEE: XbeeSettings = {
  apiMode: 0, protocol: '802.15.4', panId: 0x3332, channel: 0x0c, my: 0, serial: 0x0013a20040000000n, destination: 0n,
  baudCode: 3, powerLevel: 4, coordinator: 0, firmware: 0x10ef, hardware: 0x1744, guardTimeMs: 1000,
};

/** What the module sends on air: the data, from whom, to whom, on which PAN and channel. */
export interface AirPacket {
  data: Uint8Array;
  source: bigint;
  source16: number;
  destination: bigint;
  panId: number;
  channel: number;
}

const BROADCAST = 0xffffn;
/** Command mode ends by itself after this long without a command (CT, 10 s). */
const COMMAND_TIMEOUT_MS = 10_000;

/**
 * An XBee as its host sees it over the UART, and as the air sees it: transparent mode (bytes through, `+++` with
 * guard times into command mode, `ATxx` lines), API mode 1 and 2 (transmit requests out, receive frames in with
 * the packet's RSSI, local AT commands answered), PAN ID, channel and destination filtering. Pure: time comes in.
 */
export class SimulatedXbee {
  readonly settings: XbeeSettings;
  private deframer: XbeeDeframer;
  private commandMode = false;
  private commandUntil = 0;
  private commandLine = '';
  /** Transparent-mode bytes held while `+++` may be starting, and when the last byte came. */
  private plus = '';
  private lastHostByteAt = Number.NEGATIVE_INFINITY;
  /** The last received packet's RSSI (DB), dBm. */
  private lastRssi: number | null = null;

  constructor(settings: Partial<XbeeSettings> = {}) {
    this.settings = { ...DEFAULT_XBEE, ...settings };
    this.deframer = new XbeeDeframer(this.settings.apiMode === 2);
  }

  /** Bytes from the host at `now` (ms): what the module puts on air, and what it answers the host. */
  fromHost(bytes: Uint8Array, now: number): { air: AirPacket[]; host: Uint8Array[] } {
    const air: AirPacket[] = [];
    const host: Uint8Array[] = [];
    if (this.commandMode && now > this.commandUntil) this.commandMode = false;
    if (this.commandMode) {
      this.commandBytes(bytes, now, host);
      return { air, host };
    }
    if (this.settings.apiMode === 0) {
      this.transparentBytes(bytes, now, air, host);
      return { air, host };
    }
    this.deframer.push(bytes, (frame) => this.apiFrame(frame, air, host));
    return { air, host };
  }

  /** Whether a packet on air is for this module: its channel, its PAN, its address or a broadcast. */
  hears(packet: AirPacket): boolean {
    return packet.channel === this.settings.channel && packet.panId === this.settings.panId && (packet.destination === this.settings.serial || packet.destination === BROADCAST || (packet.destination < 0x10000n && Number(packet.destination) === this.settings.my && this.settings.my !== 0xfffe));
  }

  /** A packet it heard at `rssi` dBm: the bytes for its host (nothing for a packet not for it). */
  fromAir(packet: AirPacket, rssi: number): Uint8Array {
    if (!this.hears(packet)) return new Uint8Array();
    this.lastRssi = Math.round(rssi);
    if (this.settings.apiMode === 0) return packet.data;
    const frame: XbeeFrame =
      this.settings.protocol === '802.15.4'
        ? { kind: 'rx64', source64: address64(packet.source), rssi: Math.max(-255, Math.min(0, Math.round(rssi))), options: packet.destination === BROADCAST ? 2 : 0, data: packet.data }
        : { kind: 'receivePacket', source64: address64(packet.source), source16: packet.source16.toString(16).padStart(4, '0'), options: packet.destination === BROADCAST ? 2 : 1, data: packet.data };
    return encodeXbeeFrame(frame, this.settings.apiMode === 2);
  }

  private packet(data: Uint8Array, destination: bigint): AirPacket {
    return { data, source: this.settings.serial, source16: this.settings.my, destination, panId: this.settings.panId, channel: this.settings.channel };
  }

  private transparentBytes(bytes: Uint8Array, now: number, air: AirPacket[], host: Uint8Array[]): void {
    const text = new TextDecoder('latin1').decode(bytes);
    // `+++` alone, after a second of silence: command mode once another second passes with nothing after it. The
    // simulation takes the guard after it as kept when the three come alone in one write.
    const quietBefore = now - this.lastHostByteAt >= this.settings.guardTimeMs;
    this.lastHostByteAt = now;
    if (text === '+++' && quietBefore) {
      this.commandMode = true;
      this.commandUntil = now + COMMAND_TIMEOUT_MS;
      host.push(new TextEncoder().encode('OK\r'));
      return;
    }
    air.push(this.packet(bytes, this.settings.destination));
  }

  private commandBytes(bytes: Uint8Array, now: number, host: Uint8Array[]): void {
    this.commandLine += new TextDecoder('latin1').decode(bytes);
    let end: number;
    while ((end = this.commandLine.indexOf('\r')) >= 0) {
      const line = this.commandLine.slice(0, end).trim().toUpperCase();
      this.commandLine = this.commandLine.slice(end + 1);
      this.commandUntil = now + COMMAND_TIMEOUT_MS;
      if (!line.startsWith('AT')) {
        host.push(new TextEncoder().encode('ERROR\r'));
        continue;
      }
      for (const command of line.slice(2).split(',')) {
        const name = command.slice(0, 2);
        if (name === 'CN') {
          this.commandMode = false;
          host.push(new TextEncoder().encode('OK\r'));
          return;
        }
        const argument = command.slice(2).trim();
        const answer = argument === '' ? this.read(name) : this.write(name, Number.parseInt(argument, 16)) ? 'OK' : null;
        host.push(new TextEncoder().encode(`${answer ?? 'ERROR'}\r`));
      }
    }
  }

  private apiFrame(frame: XbeeFrame, air: AirPacket[], host: Uint8Array[]): void {
    const escaped = this.settings.apiMode === 2;
    switch (frame.kind) {
      case 'tx64':
      case 'transmitRequest':
        air.push(this.packet(frame.data, BigInt(`0x${frame.destination64}`)));
        if (frame.frameId !== 0) host.push(encodeXbeeFrame(frame.kind === 'tx64' ? { kind: 'txStatus', frameId: frame.frameId, status: 0 } : { kind: 'transmitStatus', frameId: frame.frameId, destination16: 'fffe', retries: 0, deliveryStatus: 0, discoveryStatus: 0 }, escaped));
        break;
      case 'tx16':
        air.push(this.packet(frame.data, BigInt(`0x${frame.destination16}`)));
        if (frame.frameId !== 0) host.push(encodeXbeeFrame({ kind: 'txStatus', frameId: frame.frameId, status: 0 }, escaped));
        break;
      case 'atCommand':
      case 'atQueue': {
        const value = frame.parameter.length === 0 ? this.read(frame.command) : this.write(frame.command, frame.parameter.reduce((a, b) => a * 256 + b, 0)) ? '' : null;
        const data = value === null || value === '' ? new Uint8Array() : this.valueBytes(frame.command, value);
        host.push(encodeXbeeFrame({ kind: 'atResponse', frameId: frame.frameId, command: frame.command, status: value === null ? 2 : 0, data }, escaped));
        break;
      }
      default:
        break;
    }
  }

  /** An AT parameter's value as the module prints it in command mode: hex, no leading zeros. */
  private read(name: string): string | null {
    const s = this.settings;
    const values: Record<string, number | bigint | null> = {
      ID: s.panId, CH: s.channel, MY: s.my, SH: s.serial >> 32n, SL: s.serial & 0xffffffffn, DH: s.destination >> 32n, DL: s.destination & 0xffffffffn,
      AP: s.apiMode, BD: s.baudCode, PL: s.powerLevel, CE: s.coordinator, VR: s.firmware, HV: s.hardware, GT: s.guardTimeMs, DB: this.lastRssi === null ? null : -this.lastRssi,
    };
    const value = values[name];
    return value === undefined || value === null ? null : value.toString(16).toUpperCase();
  }

  /** Sets a parameter (WR and AC are taken as done: the settings apply at once). */
  private write(name: string, value: number): boolean {
    const s = this.settings;
    switch (name) {
      case 'ID': s.panId = value; return true;
      case 'CH': s.channel = value; return true;
      case 'MY': s.my = value; return true;
      case 'DH': s.destination = (BigInt(value) << 32n) | (s.destination & 0xffffffffn); return true;
      case 'DL': s.destination = (s.destination & ~0xffffffffn) | BigInt(value); return true;
      case 'AP':
        if (value > 2) return false;
        s.apiMode = value as 0 | 1 | 2;
        this.deframer = new XbeeDeframer(value === 2);
        return true;
      case 'BD': s.baudCode = value; return true;
      case 'PL': s.powerLevel = value; return true;
      case 'CE': s.coordinator = value ? 1 : 0; return true;
      case 'WR':
      case 'AC': return true;
      default: return false;
    }
  }

  /** The bytes of an AT response's value: 64-bit halves as four bytes, the rest as few bytes as they need. */
  private valueBytes(name: string, value: string): Uint8Array {
    const size = ['SH', 'SL', 'DH', 'DL'].includes(name) ? 4 : ['ID', 'MY', 'VR', 'HV', 'GT'].includes(name) ? 2 : 1;
    const n = BigInt(`0x${value}`);
    return Uint8Array.from({ length: size }, (_, i) => Number((n >> BigInt(8 * (size - 1 - i))) & 0xffn));
  }
}

/** The simulated XBees' factory addresses (SH, SL), as the two programs are told them. */
export const SIMULATED_RADIOS = { cansat: 0x0013a20041cf05ccn, ground: 0x0013a20040a1b2c3n } as const;

/** Two simulated XBees in API mode `apiMode` sending to each other, for a PtyRadioLink (the RSSI is the caller's). */
export function simulatedXbeePair(apiMode: 1 | 2, options: { protocol?: XbeeSettings['protocol']; panId?: number; rssiAt: (at: number) => number }) {
  const shared = { apiMode, ...(options.protocol ? { protocol: options.protocol } : {}), ...(options.panId !== undefined ? { panId: options.panId } : {}) };
  return {
    cansat: { ...shared, serial: SIMULATED_RADIOS.cansat, destination: SIMULATED_RADIOS.ground },
    ground: { ...shared, serial: SIMULATED_RADIOS.ground, destination: SIMULATED_RADIOS.cansat },
    rssiAt: options.rssiAt,
  };
}
