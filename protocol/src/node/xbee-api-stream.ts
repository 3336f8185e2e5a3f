import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { XbeeDeframer, type XbeeDeframerStats, type XbeeRejection } from '../xbee/deframer.ts';

/** Options of XbeeApiStream. */
export interface XbeeApiStreamOptions extends Omit<TransformOptions, 'readableObjectMode' | 'transform'> {
  /** API mode 2 (AP=2, escaped); default false: API mode 1. */
  escaped?: boolean;
}

/**
 * Bytes from an XBee in API mode in, its frames out (object mode): the pure XbeeDeframer in a Transform. Emits
 * 'reject' (reason, bytes) for what it throws away; never errors on input.
 */
export class XbeeApiStream extends Transform {
  private readonly deframer: XbeeDeframer;

  constructor(options: XbeeApiStreamOptions = {}) {
    const { escaped = false, ...rest } = options;
    super({ ...rest, readableObjectMode: true });
    this.deframer = new XbeeDeframer(escaped, (reason: XbeeRejection, bytes: Uint8Array) => this.emit('reject', reason, bytes));
  }

  get stats(): XbeeDeframerStats {
    return this.deframer.stats;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.deframer.push(chunk, (frame) => this.push(frame));
    done();
  }
}
