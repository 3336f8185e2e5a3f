import type { RadioMode } from '@cansat/protocol';
import { closeSync, fdatasync, fdatasyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

/** What a raw log says about itself, in its first line. */
export interface RawLogHeader {
  teamId: number;
  wireFormat: string;
  /** ms since the epoch */
  startedAt: number;
  kind: string;
  /** How the radio delivered the bytes: transparent (absent in older logs), or XBee API frames (mode 1 or 2). */
  radioMode?: RadioMode;
}

export type { RadioMode };

/** One chunk of bytes as the radio delivered it. */
export interface RawChunk {
  /** ms since the epoch */
  receivedAt: number;
  bytes: Uint8Array;
}

const MAGIC = 'CANSAT-RAW 1 ';

/**
 * The ground's raw log: every byte chunk the radio delivered, with its receive time, appended as it arrives so any
 * session can be decoded again later (replay feeds it to the same decoder). Layout: a first line
 * `CANSAT-RAW 1 <header JSON>\n`, then records of length u32 LE, receive time f64 LE (ms), bytes. Each record is one
 * write: a process killed at any moment leaves every earlier record whole, and readers stop at a torn last one.
 */
export class RawLogWriter {
  private fd: number;
  private lastSync = 0;
  private syncing = false;

  /** A new log with this header; null continues the existing log at `path` (see `continueRawLog`). */
  constructor(
    readonly path: string,
    header: RawLogHeader | null,
  ) {
    if (header === null) {
      this.fd = openSync(path, 'a');
      return;
    }
    // 'wx': never overwrite a recording.
    this.fd = openSync(path, 'wx');
    writeSync(this.fd, `${MAGIC}${JSON.stringify(header)}\n`);
  }

  append(chunk: RawChunk): void {
    const record = Buffer.alloc(12 + chunk.bytes.length);
    record.writeUInt32LE(chunk.bytes.length, 0);
    record.writeDoubleLE(chunk.receivedAt, 4);
    record.set(chunk.bytes, 12);
    writeSync(this.fd, record);
    // The kernel keeps what was written if the process dies; a sync a second covers a power cut too. It runs in
    // the background: waiting for the card here would hold up every frame behind it.
    if (chunk.receivedAt - this.lastSync >= 1000 && !this.syncing) {
      this.syncing = true;
      this.lastSync = chunk.receivedAt;
      fdatasync(this.fd, () => (this.syncing = false));
    }
  }

  close(): void {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** Reads a raw log; a torn last record is left out and its size reported. Throws a clear error for other files. */
export function readRawLog(path: string): { header: RawLogHeader; chunks: RawChunk[]; tornBytes: number } {
  const data = readFileSync(path);
  const newline = data.indexOf(0x0a);
  const first = data.subarray(0, newline < 0 ? Math.min(data.length, 200) : newline).toString('utf8');
  if (!first.startsWith(MAGIC)) throw new Error(`${path} is not a CanSat raw log (it does not start with "${MAGIC.trim()}")`);
  let header: RawLogHeader;
  try {
    header = JSON.parse(first.slice(MAGIC.length)) as RawLogHeader;
  } catch {
    throw new Error(`${path}: the raw log header is not valid JSON`);
  }
  const chunks: RawChunk[] = [];
  let at = newline + 1;
  while (at + 12 <= data.length) {
    const length = data.readUInt32LE(at);
    if (at + 12 + length > data.length) break;
    chunks.push({ receivedAt: data.readDoubleLE(at + 4), bytes: Uint8Array.from(data.subarray(at + 12, at + 12 + length)) });
    at += 12 + length;
  }
  return { header, chunks, tornBytes: data.length - at };
}

/**
 * Opens an existing raw log (a session resumed after a crash) to append to it: what it holds is read first, and a
 * torn last record (the process died in the middle of a write) is cut off so the new records follow whole ones.
 */
export function continueRawLog(path: string): { writer: RawLogWriter; log: ReturnType<typeof readRawLog> } {
  const log = readRawLog(path);
  if (log.tornBytes > 0) truncateSync(path, readFileSync(path).length - log.tornBytes);
  return { writer: new RawLogWriter(path, null), log };
}
