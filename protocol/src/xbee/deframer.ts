import { XBEE_ESCAPE, XBEE_MAX_FRAME_DATA, XBEE_START, decodeXbeeFrameData } from './codec.ts';
import type { XbeeFrame } from './frames.ts';

/** Why bytes were thrown away. */
export type XbeeRejection = 'bad-checksum' | 'bad-length' | 'unknown-type' | 'too-short';
export const XBEE_REJECTIONS: readonly XbeeRejection[] = ['bad-checksum', 'bad-length', 'unknown-type', 'too-short'];

/** What the deframer has seen. */
export interface XbeeDeframerStats {
  bytes: number;
  frames: number;
  rejected: Record<XbeeRejection, number>;
  /** Bytes between frames that were no frame's (noise, a module's boot text, a transparent-mode line). */
  junkBytes: number;
}

/**
 * XBee API frames out of a byte stream, in API mode 1 (`escaped` false) or 2: pure and streaming, like the kit's own
 * frame decoder. Fed any chunks (a byte at a time, frames split or glued), it hands each good frame to `onFrame`;
 * a bad checksum, an impossible length, a frame type it does not know or one too short for its type is counted and
 * skipped, never thrown. In mode 1 a 0x7E may stand inside a frame's data, so after a bad frame the search for the
 * next start begins at the byte after the bad one's; in mode 2 a 0x7E always starts a frame. It holds at most one
 * frame's bytes.
 */
export class XbeeDeframer {
  readonly stats: XbeeDeframerStats = { bytes: 0, frames: 0, rejected: { 'bad-checksum': 0, 'bad-length': 0, 'unknown-type': 0, 'too-short': 0 }, junkBytes: 0 };
  /** The frame in progress, unescaped, from its start byte. */
  private readonly frame = new Uint8Array(XBEE_MAX_FRAME_DATA + 4);
  private held = 0;
  /** Unescaped bytes the frame in progress has once its length is known (start, length, data, checksum); 0 before. */
  private need = 0;
  private escapeNext = false;
  /** Sum of the frame data held so far (what the checksum is made from). */
  private sum = 0;

  constructor(
    readonly escaped: boolean,
    private readonly onReject: (reason: XbeeRejection, bytes: Uint8Array) => void = () => {},
  ) {}

  /** Feeds `chunk`; every frame completed by it goes to `onFrame`, in order. */
  push(chunk: Uint8Array, onFrame: (frame: XbeeFrame) => void): void {
    this.stats.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      if (this.held === 0) {
        // Hunting for a start: skip the junk at once.
        const start = chunk.indexOf(XBEE_START, i);
        const found = start < 0 ? chunk.length : start;
        this.stats.junkBytes += found - i;
        if (start < 0) return;
        this.start();
        i = start + 1;
        continue;
      }
      if (this.need > 0 && !this.escapeNext) {
        // The length is known: copy the rest of the frame in one go, up to a byte that needs the byte-wise path.
        let end = Math.min(chunk.length, i + this.need - this.held);
        if (this.escaped) {
          for (let k = i; k < end; k++) {
            const b = chunk[k]!;
            if (b === XBEE_START || b === XBEE_ESCAPE) {
              end = k;
              break;
            }
          }
        }
        if (end > i) {
          // All but the last byte in one loop, summed as they go; the last goes through byte() to end the frame.
          const last = this.held + (end - i) === this.need ? end - 1 : end;
          const frame = this.frame;
          let held = this.held;
          let sum = this.sum;
          for (let k = i; k < last; k++) {
            const b = chunk[k]!;
            frame[held++] = b;
            sum += b;
          }
          this.held = held;
          this.sum = sum;
          i = last;
          if (i === end) continue;
        }
      }
      this.byte(chunk[i++]!, onFrame);
    }
  }

  /**
   * The end of the bytes (a file read to its end, a port closed): a frame still in progress is cut short, and in
   * mode 1 what followed its start is searched again (a bad length may have swallowed good frames).
   */
  flush(onFrame: (frame: XbeeFrame) => void): void {
    while (this.held > 0) this.reject('bad-length', onFrame);
  }

  private byte(value: number, onFrame: (frame: XbeeFrame) => void): void {
    let b = value;
    if (this.held === 0) {
      if (b === XBEE_START) this.start();
      else this.stats.junkBytes++;
      return;
    }
    if (this.escaped) {
      if (b === XBEE_START) {
        // A start in the middle: the frame in progress was cut short.
        this.reject('bad-length', onFrame);
        this.start();
        return;
      }
      if (this.escapeNext) {
        b ^= 0x20;
        this.escapeNext = false;
      } else if (b === XBEE_ESCAPE) {
        this.escapeNext = true;
        return;
      }
    }
    this.frame[this.held++] = b;
    if (this.held > 3 && this.held < this.need) this.sum += b;
    if (this.held === 3) {
      const length = (this.frame[1]! << 8) | this.frame[2]!;
      if (length === 0 || length > XBEE_MAX_FRAME_DATA) return this.reject('bad-length', onFrame);
      this.need = length + 4;
      return;
    }
    if (this.held !== this.need) return;
    const end = this.held - 1;
    if (0xff - (this.sum & 0xff) !== this.frame[end]) return this.reject('bad-checksum', onFrame);
    const decoded = decodeXbeeFrameData(this.frame, 3, end);
    if (typeof decoded === 'string') {
      // Well formed (its checksum holds), only not a frame the kit reads: skipped whole.
      this.stats.rejected[decoded]++;
      this.onReject(decoded, this.frame.slice(0, this.held));
      this.reset();
      return;
    }
    this.stats.frames++;
    this.reset();
    onFrame(decoded);
  }

  private start(): void {
    this.frame[0] = XBEE_START;
    this.held = 1;
    this.need = 0;
    this.sum = 0;
    this.escapeNext = false;
  }

  private reset(): void {
    this.held = 0;
    this.need = 0;
    this.sum = 0;
    this.escapeNext = false;
  }

  /** Throws the frame in progress away; in mode 1 its bytes after the start are searched again for a start. */
  private reject(reason: XbeeRejection, onFrame: (frame: XbeeFrame) => void): void {
    this.stats.rejected[reason]++;
    const bytes = this.frame.slice(0, this.held);
    this.onReject(reason, bytes);
    this.reset();
    if (this.escaped) {
      this.stats.junkBytes += bytes.length;
      return;
    }
    this.stats.junkBytes++;
    for (let i = 1; i < bytes.length; i++) this.byte(bytes[i]!, onFrame);
  }
}
