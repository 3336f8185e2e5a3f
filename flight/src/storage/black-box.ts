import { closeSync, fdatasyncSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { crc32c } from '@cansat/protocol';

/** What a black-box record holds. */
export const RECORD_KINDS = ['telemetry', 'event', 'command', 'ack', 'note'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One record of the black box. */
export interface BlackBoxRecord {
  kind: RecordKind;
  /** The packet count of the message (telemetry, event, ack), else 0. */
  packetCount: number;
  /** Mission time, ms. */
  missionTime: number;
  /** The bytes as sent or received (a frame, an AAS line, or UTF-8 text for a note). */
  bytes: Uint8Array;
}

/**
 * Record layout, little-endian: length u32 (of what follows the CRC), CRC-32C u32 (of what follows it), kind u8,
 * packet count u32, mission time f64, then the bytes. The CRC tells a torn last record (power lost mid-write) from
 * a whole one.
 */
const HEADER = 8;
const FIXED = 1 + 4 + 8;

/**
 * The on-board flight log: every telemetry frame, event, command and ack appended and synced to the card before
 * the radio sends it, so that it survives power loss. Reading stops cleanly at a torn last record.
 */
export class BlackBox {
  private fd: number | null = null;

  constructor(readonly path: string) {}

  /**
   * Cuts a torn last record left by a power cut, so that new records follow whole ones; returns the bytes cut.
   * Call it once before appending after a restart.
   */
  repair(): number {
    const { tornBytes } = BlackBox.read(this.path);
    if (tornBytes > 0) truncateSync(this.path, statSync(this.path).size - tornBytes);
    return tornBytes;
  }

  /** Appends one record and waits for it to reach the card. Throws on I/O errors (the caller counts them). */
  append(record: BlackBoxRecord): void {
    this.fd ??= openSync(this.path, 'a');
    const body = Buffer.alloc(FIXED + record.bytes.length);
    body.writeUInt8(RECORD_KINDS.indexOf(record.kind), 0);
    body.writeUInt32LE(record.packetCount >>> 0, 1);
    body.writeDoubleLE(record.missionTime, 5);
    body.set(record.bytes, FIXED);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(body.length, 0);
    header.writeUInt32LE(crc32c(body), 4);
    writeSync(this.fd, Buffer.concat([header, body]));
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Every whole record of a black-box file, and whether it ended in a torn record (bytes that make none). */
  static read(path: string): { records: BlackBoxRecord[]; tornBytes: number } {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0 };
      throw error;
    }
    const records: BlackBoxRecord[] = [];
    let at = 0;
    while (at + HEADER + FIXED <= data.length) {
      const length = data.readUInt32LE(at);
      const end = at + HEADER + length;
      if (length < FIXED || end > data.length) break;
      const body = data.subarray(at + HEADER, end);
      if (crc32c(body) !== data.readUInt32LE(at + 4)) break;
      const kind = RECORD_KINDS[body.readUInt8(0)];
      if (kind === undefined) break;
      records.push({ kind, packetCount: body.readUInt32LE(1), missionTime: body.readDoubleLE(5), bytes: Uint8Array.from(body.subarray(FIXED)) });
      at = end;
    }
    return { records, tornBytes: data.length - at };
  }
}
