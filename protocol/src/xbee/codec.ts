import { XBEE_FRAME_TYPES, type XbeeFrame, type XbeeFrameKind } from './frames.ts';

/** The byte that starts every API frame. */
export const XBEE_START = 0x7e;
/** API mode 2 (AP=2): this byte, then the escaped byte XOR 0x20. */
export const XBEE_ESCAPE = 0x7d;
/** Bytes escaped in API mode 2: the start delimiter, the escape, XON and XOFF. */
const ESCAPED = new Set([0x7e, 0x7d, 0x11, 0x13]);
/** Longest frame data accepted (frame type to last data byte): an SX's 256-byte payload plus its headers. */
export const XBEE_MAX_FRAME_DATA = 512;

const KIND_BY_TYPE: (XbeeFrameKind | undefined)[] = [];
for (const [kind, type] of Object.entries(XBEE_FRAME_TYPES)) KIND_BY_TYPE[type] = kind as XbeeFrameKind;

/** The kind of frame a frame type byte means, or null for one the kit does not know. */
export const xbeeKindOf = (type: number): XbeeFrameKind | null => KIND_BY_TYPE[type] ?? null;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexOf(bytes: Uint8Array, from: number, length: number): string {
  if (length === 2) return HEX[bytes[from]!]! + HEX[bytes[from + 1]!]!;
  let out = '';
  for (let i = from; i < from + length; i++) out += HEX[bytes[i]!];
  return out;
}

function putHex(out: Uint8Array, at: number, hex: string): void {
  for (let i = 0; i < hex.length / 2; i++) out[at + i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
}

const ascii = (bytes: Uint8Array, from: number) => String.fromCharCode(bytes[from]!, bytes[from + 1]!);

/** A frame's data (its type byte and what follows, before the checksum). */
export function xbeeFrameData(frame: XbeeFrame): Uint8Array {
  const put = (size: number, fill: (out: Uint8Array) => void) => {
    const out = new Uint8Array(size);
    out[0] = XBEE_FRAME_TYPES[frame.kind];
    fill(out);
    return out;
  };
  const at = (out: Uint8Array, i: number, text: string) => {
    out[i] = text.charCodeAt(0);
    out[i + 1] = text.charCodeAt(1);
  };
  switch (frame.kind) {
    case 'tx64':
      return put(11 + frame.data.length, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.destination64); o[10] = frame.options; o.set(frame.data, 11); });
    case 'tx16':
      return put(5 + frame.data.length, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.destination16); o[4] = frame.options; o.set(frame.data, 5); });
    case 'atCommand':
    case 'atQueue':
      return put(4 + frame.parameter.length, (o) => { o[1] = frame.frameId; at(o, 2, frame.command); o.set(frame.parameter, 4); });
    case 'transmitRequest':
      return put(14 + frame.data.length, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.destination64); putHex(o, 10, frame.destination16); o[12] = frame.broadcastRadius; o[13] = frame.options; o.set(frame.data, 14); });
    case 'remoteAtCommand':
      return put(15 + frame.parameter.length, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.destination64); putHex(o, 10, frame.destination16); o[12] = frame.options; at(o, 13, frame.command); o.set(frame.parameter, 15); });
    case 'rx64':
      return put(11 + frame.data.length, (o) => { putHex(o, 1, frame.source64); o[9] = -frame.rssi; o[10] = frame.options; o.set(frame.data, 11); });
    case 'rx16':
      return put(5 + frame.data.length, (o) => { putHex(o, 1, frame.source16); o[3] = -frame.rssi; o[4] = frame.options; o.set(frame.data, 5); });
    case 'atResponse':
      return put(5 + frame.data.length, (o) => { o[1] = frame.frameId; at(o, 2, frame.command); o[4] = frame.status; o.set(frame.data, 5); });
    case 'txStatus':
      return put(3, (o) => { o[1] = frame.frameId; o[2] = frame.status; });
    case 'modemStatus':
      return put(2, (o) => { o[1] = frame.status; });
    case 'transmitStatus':
      return put(7, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.destination16); o[4] = frame.retries; o[5] = frame.deliveryStatus; o[6] = frame.discoveryStatus; });
    case 'receivePacket':
      return put(12 + frame.data.length, (o) => { putHex(o, 1, frame.source64); putHex(o, 9, frame.source16); o[11] = frame.options; o.set(frame.data, 12); });
    case 'explicitReceive':
      return put(18 + frame.data.length, (o) => {
        putHex(o, 1, frame.source64);
        putHex(o, 9, frame.source16);
        o[11] = frame.sourceEndpoint;
        o[12] = frame.destinationEndpoint;
        o[13] = frame.clusterId >> 8;
        o[14] = frame.clusterId & 0xff;
        o[15] = frame.profileId >> 8;
        o[16] = frame.profileId & 0xff;
        o[17] = frame.options;
        o.set(frame.data, 18);
      });
    case 'remoteAtResponse':
      return put(15 + frame.data.length, (o) => { o[1] = frame.frameId; putHex(o, 2, frame.source64); putHex(o, 10, frame.source16); at(o, 12, frame.command); o[14] = frame.status; o.set(frame.data, 15); });
  }
}

/** The checksum of frame data: 0xFF less the low byte of its sum. */
export function xbeeChecksum(data: Uint8Array, from = 0, to = data.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += data[i]!;
  return 0xff - (sum & 0xff);
}

/** A whole frame on the wire: start, length, data, checksum; in API mode 2 (`escaped`) every byte after the start escaped. */
export function encodeXbeeFrame(frame: XbeeFrame, escaped = false): Uint8Array {
  const data = xbeeFrameData(frame);
  if (data.length > XBEE_MAX_FRAME_DATA) throw new RangeError(`XBee frame data of ${data.length} bytes: at most ${XBEE_MAX_FRAME_DATA}`);
  const raw = new Uint8Array(data.length + 4);
  raw[0] = XBEE_START;
  raw[1] = data.length >> 8;
  raw[2] = data.length & 0xff;
  raw.set(data, 3);
  raw[raw.length - 1] = xbeeChecksum(data);
  if (!escaped) return raw;
  let extra = 0;
  for (let i = 1; i < raw.length; i++) if (ESCAPED.has(raw[i]!)) extra++;
  if (extra === 0) return raw;
  const out = new Uint8Array(raw.length + extra);
  out[0] = XBEE_START;
  let j = 1;
  for (let i = 1; i < raw.length; i++) {
    const b = raw[i]!;
    if (ESCAPED.has(b)) {
      out[j++] = XBEE_ESCAPE;
      out[j++] = b ^ 0x20;
    } else out[j++] = b;
  }
  return out;
}

/** Why frame data did not decode (its checksum was right: the frame is well formed but not one the kit reads). */
export type XbeeDecodeError = 'unknown-type' | 'too-short';

/** Sizes of each kind's fixed part (type byte included): a frame shorter than this is cut. */
const FIXED: Readonly<Record<XbeeFrameKind, number>> = {
  tx64: 11, tx16: 5, atCommand: 4, atQueue: 4, transmitRequest: 14, remoteAtCommand: 15, rx64: 11, rx16: 5,
  atResponse: 5, txStatus: 3, modemStatus: 2, transmitStatus: 7, receivePacket: 12, explicitReceive: 18, remoteAtResponse: 15,
};

/** Decodes frame data (`bytes[from, to)`: type byte to last data byte). The data fields are copies. */
export function decodeXbeeFrameData(bytes: Uint8Array, from = 0, to = bytes.length): XbeeFrame | XbeeDecodeError {
  const kind = KIND_BY_TYPE[bytes[from]!];
  if (kind === undefined) return 'unknown-type';
  if (to - from < FIXED[kind]) return 'too-short';
  // Written out rather than through helpers: this runs for every frame a station receives.
  const o = from;
  switch (kind) {
    case 'tx64':
      return { kind, frameId: bytes[o + 1]!, destination64: hexOf(bytes, o + 2, 8), options: bytes[o + 10]!, data: bytes.slice(o + 11, to) };
    case 'tx16':
      return { kind, frameId: bytes[o + 1]!, destination16: hexOf(bytes, o + 2, 2), options: bytes[o + 4]!, data: bytes.slice(o + 5, to) };
    case 'atCommand':
    case 'atQueue':
      return { kind, frameId: bytes[o + 1]!, command: ascii(bytes, o + 2), parameter: bytes.slice(o + 4, to) };
    case 'transmitRequest':
      return { kind, frameId: bytes[o + 1]!, destination64: hexOf(bytes, o + 2, 8), destination16: hexOf(bytes, o + 10, 2), broadcastRadius: bytes[o + 12]!, options: bytes[o + 13]!, data: bytes.slice(o + 14, to) };
    case 'remoteAtCommand':
      return { kind, frameId: bytes[o + 1]!, destination64: hexOf(bytes, o + 2, 8), destination16: hexOf(bytes, o + 10, 2), options: bytes[o + 12]!, command: ascii(bytes, o + 13), parameter: bytes.slice(o + 15, to) };
    case 'rx64':
      return { kind, source64: hexOf(bytes, o + 1, 8), rssi: -bytes[o + 9]!, options: bytes[o + 10]!, data: bytes.slice(o + 11, to) };
    case 'rx16':
      return { kind, source16: hexOf(bytes, o + 1, 2), rssi: -bytes[o + 3]!, options: bytes[o + 4]!, data: bytes.slice(o + 5, to) };
    case 'atResponse':
      return { kind, frameId: bytes[o + 1]!, command: ascii(bytes, o + 2), status: bytes[o + 4]!, data: bytes.slice(o + 5, to) };
    case 'txStatus':
      return { kind, frameId: bytes[o + 1]!, status: bytes[o + 2]! };
    case 'modemStatus':
      return { kind, status: bytes[o + 1]! };
    case 'transmitStatus':
      return { kind, frameId: bytes[o + 1]!, destination16: hexOf(bytes, o + 2, 2), retries: bytes[o + 4]!, deliveryStatus: bytes[o + 5]!, discoveryStatus: bytes[o + 6]! };
    case 'receivePacket':
      return { kind, source64: hexOf(bytes, o + 1, 8), source16: hexOf(bytes, o + 9, 2), options: bytes[o + 11]!, data: bytes.slice(o + 12, to) };
    case 'explicitReceive':
      return {
        kind, source64: hexOf(bytes, o + 1, 8), source16: hexOf(bytes, o + 9, 2), sourceEndpoint: bytes[o + 11]!, destinationEndpoint: bytes[o + 12]!,
        clusterId: (bytes[o + 13]! << 8) | bytes[o + 14]!, profileId: (bytes[o + 15]! << 8) | bytes[o + 16]!, options: bytes[o + 17]!, data: bytes.slice(o + 18, to),
      };
    case 'remoteAtResponse':
      return { kind, frameId: bytes[o + 1]!, source64: hexOf(bytes, o + 2, 8), source16: hexOf(bytes, o + 10, 2), command: ascii(bytes, o + 12), status: bytes[o + 14]!, data: bytes.slice(o + 15, to) };
  }
}
