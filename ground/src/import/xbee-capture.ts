import { XBEE_START, XbeeDeframer, receivedData, type XbeeFrame, type XbeeFrameKind, type XbeeRejection } from '@cansat/protocol';

/** What an XBee API capture held, besides the data its frames carried. */
export interface XbeeCaptureSummary {
  /** How the capture is written: the radio's bytes as they came, or a hex dump (`7E 00 3D 10 …`, a frame a line). */
  form: 'binary' | 'hex';
  escaped: boolean;
  frames: Partial<Record<XbeeFrameKind, number>>;
  /** The AT commands sent or answered (a ground station's set-up of its radio), in order. */
  atCommands: string[];
  rejected: Record<XbeeRejection, number>;
}

const HEX_LINE = /^\s*7E(\s+[0-9A-F]{2})+\s*$/i;
const DATA_KINDS = new Set<XbeeFrameKind>(['tx64', 'tx16', 'transmitRequest']);

/** The form of an XBee API capture whose first bytes are `head`, or null when it is none (a CSV, a kit recording). */
export function xbeeCaptureForm(head: Uint8Array): 'binary' | 'hex' | null {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 4096));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 8);
  if (lines.length > 0 && lines.every((l, i) => HEX_LINE.test(l) || (i === lines.length - 1 && head.length >= 4096))) return 'hex';
  if (head[0] === XBEE_START && framesIn(head, false) > 0) return 'binary';
  return null;
}


function framesIn(bytes: Uint8Array, escaped: boolean): number {
  const deframer = new XbeeDeframer(escaped);
  deframer.push(bytes, () => {});
  return deframer.stats.frames;
}

/**
 * The data the capture's frames carried (transmit requests a station sent, packets a radio received), as one byte
 * stream for the CSV reader; `summary` is filled as it goes. API mode 2 is taken when the first bytes read better so.
 */
export async function* xbeeCaptureData(source: AsyncIterable<Uint8Array | string>, form: 'binary' | 'hex', summary: XbeeCaptureSummary): AsyncGenerator<Uint8Array> {
  let deframer: XbeeDeframer | null = null;
  const carried: Uint8Array[] = [];
  const onFrame = (frame: XbeeFrame) => {
    summary.frames[frame.kind] = (summary.frames[frame.kind] ?? 0) + 1;
    if (frame.kind === 'atCommand' || frame.kind === 'atQueue' || frame.kind === 'atResponse' || frame.kind === 'remoteAtCommand' || frame.kind === 'remoteAtResponse') summary.atCommands.push(frame.command);
    const data = DATA_KINDS.has(frame.kind) ? (frame as { data: Uint8Array }).data : receivedData(frame)?.data;
    if (data) carried.push(data);
  };
  let rest = '';
  for await (const chunk of source) {
    let bytes: Uint8Array = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (form === 'hex') {
      const text = rest + new TextDecoder('latin1').decode(bytes);
      const cut = text.lastIndexOf('\n');
      rest = cut < 0 ? text : text.slice(cut + 1);
      bytes = hexBytes(cut < 0 ? '' : text.slice(0, cut));
    }
    if (!deframer) {
      deframer = new XbeeDeframer(framesIn(bytes, true) > framesIn(bytes, false));
      summary.escaped = deframer.escaped;
    }
    deframer.push(bytes, onFrame);
    yield* carried.splice(0);
  }
  if (form === 'hex' && rest.trim() !== '') deframer?.push(hexBytes(rest), onFrame);
  deframer?.flush(onFrame);
  yield* carried.splice(0);
  if (deframer) Object.assign(summary.rejected, deframer.stats.rejected);
}

function hexBytes(text: string): Uint8Array {
  const pairs = text.match(/[0-9A-Fa-f]{2}/g) ?? [];
  return Uint8Array.from(pairs, (p) => Number.parseInt(p, 16));
}

/** A capture's summary before it is read. */
export function emptyXbeeSummary(form: 'binary' | 'hex'): XbeeCaptureSummary {
  return { form, escaped: false, frames: {}, atCommands: [], rejected: { 'bad-checksum': 0, 'bad-length': 0, 'unknown-type': 0, 'too-short': 0 } };
}

