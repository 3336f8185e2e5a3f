import { cobsDecodeInto, cobsEncodeInto, cobsMaxEncodedLength } from './cobs.ts';
import { crc32c } from './crc32c.ts';
import { compileDecoder, encodeFields, type MessageDecoder } from './fields.ts';
import { HEADER_LAYOUT, HEADER_SIZE, PROTOCOL_VERSION } from './messages/header.ts';
import { MESSAGE_CODES, PAYLOADS, type Message, type MessageType } from './messages/index.ts';

/** Bytes of the CRC-32C that ends every frame body. */
export const CRC_SIZE = 4;

const TYPE_BY_CODE: (MessageType | undefined)[] = [];
for (const [type, code] of Object.entries(MESSAGE_CODES)) TYPE_BY_CODE[code] = type as MessageType;

/** Unstuffed size (version/type byte, header, payload, CRC) of each message type. */
export const BODY_SIZE: Readonly<Record<MessageType, number>> = {
  telemetry: HEADER_SIZE + PAYLOADS.telemetry.layout.size + CRC_SIZE,
  event: HEADER_SIZE + PAYLOADS.event.layout.size + CRC_SIZE,
  command: HEADER_SIZE + PAYLOADS.command.layout.size + CRC_SIZE,
  ack: HEADER_SIZE + PAYLOADS.ack.layout.size + CRC_SIZE,
};

/** One compiled decoder per type: header and payload into one object. */
const DECODERS = Object.fromEntries(
  (Object.keys(PAYLOADS) as MessageType[]).map((type) => [
    type,
    compileDecoder({ type }, [
      [HEADER_LAYOUT, 1],
      [PAYLOADS[type].layout, HEADER_SIZE],
    ]),
  ]),
) as Record<MessageType, MessageDecoder>;

const MAX_BODY = Math.max(...Object.values(BODY_SIZE));

/** Largest frame on the wire, delimiter included. A run of bytes longer than this without a 0x00 is garbage. */
export const MAX_FRAME_SIZE = cobsMaxEncodedLength(MAX_BODY) + 1;

/** Why a frame was rejected. */
export type DeframeError =
  | 'bad-length' // no delimiter where one must be, invalid COBS, or a size that does not match the type
  | 'bad-crc'
  | 'bad-version'
  | 'unknown-type'
  | 'wrong-team'
  | 'out-of-range'; // a field's raw value outside its table bounds (an enum index past its list)

/** Every rejection reason, for counters. */
export const DEFRAME_ERRORS: readonly DeframeError[] = [
  'bad-length',
  'bad-crc',
  'bad-version',
  'unknown-type',
  'wrong-team',
  'out-of-range',
];

/**
 * What `deframe` found at the start of the bytes. `length` is how many bytes the caller should consume:
 * the frame and its delimiter, or the garbage to skip.
 */
export type DeframeResult =
  | { readonly status: 'ok'; readonly length: number; readonly message: Message }
  | { readonly status: 'more-needed' }
  | { readonly status: 'empty'; readonly length: number }
  | { readonly status: DeframeError; readonly length: number; readonly detail?: string };

/** Options of `deframe`. */
export interface DeframeOptions {
  /** Accept only frames of this team id; default: any. */
  readonly teamId?: number;
}

const scratch = new Uint8Array(MAX_BODY);
const scratchView = new DataView(scratch.buffer);

/**
 * Looks at the bytes from `start` to the next 0x00 before `end`. Pure: it only peeks and never throws on any input.
 *
 * When the bytes before a delimiter do not make a frame, it looks for a valid frame that ends at that delimiter but
 * starts later, and if one is there the rejection covers only the bytes before it: a frame cut short (its
 * delimiter lost) then costs only itself, not the good frame that follows. A run with no delimiter is skipped but
 * for its last MAX_FRAME_SIZE - 1 bytes, which may still begin a frame, so the caller's buffer stays bounded.
 */
export function deframe(bytes: Uint8Array, start = 0, end = bytes.length, options: DeframeOptions = {}): DeframeResult {
  const delimiter = bytes.indexOf(0, start);
  if (delimiter < 0 || delimiter >= end) {
    const excess = end - start - (MAX_FRAME_SIZE - 1);
    return excess > 0 ? { status: 'bad-length', length: excess, detail: 'no delimiter' } : { status: 'more-needed' };
  }
  const length = delimiter - start + 1;
  if (length === 1) return { status: 'empty', length };
  // A frame can start no earlier than MAX_FRAME_SIZE - 1 bytes before its delimiter.
  const earliest = Math.max(start, delimiter + 1 - MAX_FRAME_SIZE);
  const first: FrameCheck =
    earliest === start ? decodeFrame(bytes, start, delimiter, options) : { status: 'bad-length', detail: 'longer than any frame' };
  if (first.status === 'ok') return { status: 'ok', length, message: first.message };
  // A frame that passed its CRC arrived whole; only a broken one can hide the start of another.
  if (first.status !== 'bad-crc' && first.status !== 'bad-length') return { ...first, length };
  for (let later = Math.max(start + 1, earliest); later < delimiter; later++) {
    if (decodeFrame(bytes, later, delimiter, options).status === 'ok') return { ...first, length: later - start };
  }
  return { ...first, length };
}

type FrameCheck =
  | { readonly status: 'ok'; readonly message: Message }
  | { readonly status: DeframeError; readonly detail?: string };

/** Decodes the stuffed frame `bytes[from, delimiter)`. */
function decodeFrame(bytes: Uint8Array, from: number, delimiter: number, options: DeframeOptions): FrameCheck {
  const size = cobsDecodeInto(bytes, from, delimiter, scratch);
  if (size < HEADER_SIZE + CRC_SIZE) return { status: 'bad-length' };
  const crcAt = size - CRC_SIZE;
  if (crc32c(scratch, 0, crcAt) !== scratchView.getUint32(crcAt, true)) return { status: 'bad-crc' };
  const first = scratch[0]!;
  if (first >> 4 !== PROTOCOL_VERSION) return { status: 'bad-version', detail: `version ${first >> 4}` };
  const type = TYPE_BY_CODE[first & 0x0f];
  if (type === undefined) return { status: 'unknown-type', detail: `type ${first & 0x0f}` };
  if (size !== BODY_SIZE[type]) return { status: 'bad-length', detail: `${type} of ${size} bytes` };
  const teamId = scratchView.getUint16(1, true); // the header's first field, read early to drop other teams cheaply
  if (options.teamId !== undefined && teamId !== options.teamId) return { status: 'wrong-team', detail: `team ${teamId}` };
  const message = DECODERS[type](scratchView);
  if (typeof message === 'string') return { status: 'out-of-range', detail: message };
  return { status: 'ok', message: message as Message };
}

/** The unstuffed frame body without its CRC: version/type byte, header and payload. Signing covers these bytes. */
export function encodeBody(message: Message): Uint8Array {
  const { layout } = PAYLOADS[message.type];
  const body = new Uint8Array(BODY_SIZE[message.type]);
  const view = new DataView(body.buffer);
  body[0] = (PROTOCOL_VERSION << 4) | MESSAGE_CODES[message.type];
  encodeFields(HEADER_LAYOUT, view, 1, message);
  encodeFields(layout, view, HEADER_SIZE, message as never);
  return body.subarray(0, body.length - CRC_SIZE);
}

/**
 * Encodes a message as one frame ready to write: COBS-stuffed body and CRC-32C, then the 0x00 delimiter.
 * Throws a RangeError naming the field when a value does not fit its table (a caller's bug, not a field failure).
 */
export function encodeFrame(message: Message): Uint8Array {
  const withoutCrc = encodeBody(message);
  const body = new Uint8Array(withoutCrc.buffer, 0, withoutCrc.length + CRC_SIZE);
  new DataView(body.buffer).setUint32(withoutCrc.length, crc32c(withoutCrc), true);
  const frame = new Uint8Array(cobsMaxEncodedLength(body.length) + 1);
  const written = cobsEncodeInto(body, frame);
  frame[written] = 0;
  return frame.subarray(0, written + 1);
}
