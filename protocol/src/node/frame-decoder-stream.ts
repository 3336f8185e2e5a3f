import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { DEFRAME_ERRORS, deframe, type DeframeError } from '../frame.ts';
import type { Message } from '../messages/index.ts';

/** Options of FrameDecoderStream. */
export interface FrameDecoderOptions extends Omit<TransformOptions, 'readableObjectMode' | 'transform' | 'flush'> {
  /** Accept only frames of this team id; default: any. */
  teamId?: number;
}

/** What the decoder has seen so far. */
export interface FrameDecoderStats {
  /** Bytes written in. */
  bytes: number;
  /** Frames decoded and pushed. */
  accepted: number;
  /** Frames rejected, by reason. */
  rejected: Record<DeframeError, number>;
  /** Bytes thrown away in rejected frames and in garbage between frames. */
  bytesSkipped: number;
}

/** Emitted as 'reject' for each frame thrown away. */
export interface FrameRejection {
  reason: DeframeError;
  detail?: string;
  /** The rejected bytes (delimiter included), for logs. */
  bytes: Uint8Array;
}

/**
 * Bytes in, decoded messages out (object mode on the readable side). Counts what it accepted and rejected and
 * emits 'reject' for each rejection; never errors on input. It holds at most one frame's worth of bytes between
 * chunks, whatever it is fed.
 */
export class FrameDecoderStream extends Transform {
  readonly stats: FrameDecoderStats = {
    bytes: 0,
    accepted: 0,
    rejected: Object.fromEntries(DEFRAME_ERRORS.map((e) => [e, 0])) as Record<DeframeError, number>,
    bytesSkipped: 0,
  };
  private readonly teamId: number | undefined;
  private pending: Uint8Array = new Uint8Array(0);

  constructor(options: FrameDecoderOptions = {}) {
    const { teamId, ...rest } = options;
    super({ ...rest, readableObjectMode: true });
    if (teamId !== undefined && !(Number.isInteger(teamId) && teamId >= 0 && teamId <= 0xffff)) {
      throw new TypeError(`"teamId" must be an integer from 0 to 65535, not ${String(teamId)}`);
    }
    this.teamId = teamId;
  }

  override _transform(chunk: Buffer | Uint8Array, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.stats.bytes += chunk.length;
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const options = this.teamId === undefined ? {} : { teamId: this.teamId };
    let at = 0;
    for (;;) {
      const result = deframe(bytes, at, bytes.length, options);
      if (result.status === 'more-needed') break;
      if (result.status === 'ok') {
        this.stats.accepted++;
        this.push(result.message satisfies Message);
      } else if (result.status !== 'empty') {
        this.stats.rejected[result.status]++;
        this.stats.bytesSkipped += result.length;
        const rejection: FrameRejection = { reason: result.status, bytes: new Uint8Array(bytes.subarray(at, at + result.length)) };
        if (result.detail !== undefined) rejection.detail = result.detail;
        this.emit('reject', rejection);
      }
      at += result.length;
    }
    // Copy the tail so a large chunk is not kept alive by a few leftover bytes.
    this.pending = new Uint8Array(bytes.subarray(at));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.pending.length > 0) {
      // A frame with no delimiter when the input ends can never complete.
      this.stats.rejected['bad-length']++;
      this.stats.bytesSkipped += this.pending.length;
      this.emit('reject', { reason: 'bad-length', detail: 'input ended inside a frame', bytes: this.pending } satisfies FrameRejection);
      this.pending = new Uint8Array(0);
    }
    callback();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
