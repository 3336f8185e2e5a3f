import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { parseCommandLine, type AasCommandLine, type AasCommandParseOptions } from '../aas/command-line.ts';
import type { AasProfile } from '../aas/profile.ts';
import {
  AAS_LINE_ERRORS,
  MAX_AAS_LINE,
  parseTelemetryLine,
  type AasLineError,
  type AasLineResult,
  type AasParseOptions,
  type AasTelemetryLine,
} from '../aas/telemetry-line.ts';

/** What a line decoder has seen so far. */
export interface LineDecoderStats {
  bytes: number;
  accepted: number;
  rejected: Record<AasLineError, number>;
  bytesSkipped: number;
}

/** Emitted as 'reject' for each line thrown away. */
export interface LineRejection {
  reason: AasLineError;
  detail: string;
  line: string;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Bytes in, parsed lines out (object mode on the readable side). A line ends at CR, LF or CRLF; blank lines are
 * skipped. A line longer than MAX_AAS_LINE is dropped up to its end, so memory stays bounded. Never errors on input.
 */
export class LineDecoderStream<T> extends Transform {
  readonly stats: LineDecoderStats = {
    bytes: 0,
    accepted: 0,
    rejected: Object.fromEntries(AAS_LINE_ERRORS.map((e) => [e, 0])) as Record<AasLineError, number>,
    bytesSkipped: 0,
  };
  private pending: Buffer = Buffer.alloc(0);
  private overlong = false;

  constructor(
    private readonly parse: (line: string) => AasLineResult<T>,
    options: Omit<TransformOptions, 'readableObjectMode' | 'transform' | 'flush'> = {},
  ) {
    super({ ...options, readableObjectMode: true });
  }

  override _transform(chunk: Buffer | Uint8Array, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.stats.bytes += chunk.length;
    const bytes = this.pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([this.pending, chunk]);
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte !== CR && byte !== LF) continue;
      if (this.overlong) {
        this.stats.bytesSkipped += i - start;
        this.overlong = false;
      } else {
        this.line(bytes.subarray(start, i));
      }
      start = i + 1;
    }
    const rest = bytes.subarray(start);
    if (this.overlong) {
      this.stats.bytesSkipped += rest.length;
      this.pending = Buffer.alloc(0);
    } else if (rest.length > MAX_AAS_LINE) {
      // Too long to be a line: drop it, and everything up to its end as it arrives.
      this.reject('bad-length', `over ${MAX_AAS_LINE} characters`, rest);
      this.overlong = true;
      this.pending = Buffer.alloc(0);
    } else {
      this.pending = Buffer.from(rest);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.line(this.pending);
    this.pending = Buffer.alloc(0);
    callback();
  }

  private line(bytes: Buffer): void {
    const text = bytes.toString('latin1');
    if (text.trim() === '') return;
    const result = this.parse(text);
    if (result.ok) {
      this.stats.accepted++;
      this.push(result.value);
    } else {
      this.reject(result.reason, result.detail, bytes);
    }
  }

  private reject(reason: AasLineError, detail: string, bytes: Buffer): void {
    this.stats.rejected[reason]++;
    this.stats.bytesSkipped += bytes.length;
    this.emit('reject', { reason, detail, line: bytes.toString('latin1') } satisfies LineRejection);
  }
}

/** A stream of AAS telemetry lines of `profile`, decoded to `{ telemetry, extra }`. */
export function aasTelemetryDecoder(profile: AasProfile, options: AasParseOptions = {}): LineDecoderStream<AasTelemetryLine> {
  return new LineDecoderStream((line) => parseTelemetryLine(line, profile, options));
}

/** A stream of AAS command lines (`CMD,<TEAM_ID>,…`), decoded to `{ teamId, command }`. */
export function aasCommandDecoder(options: AasCommandParseOptions = {}): LineDecoderStream<AasCommandLine> {
  return new LineDecoderStream((line) => parseCommandLine(line, options));
}
