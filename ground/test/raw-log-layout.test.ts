import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawLog } from '../src/recorder/raw-log.ts';
import { GroundStation } from '../src/ground-station.ts';

/**
 * A reader of `radio.raw` written from ground/README.md ("The recording, byte by byte") and protocol/PROTOCOL.md
 * alone, as a third party would write it: nothing of the kit's code but what the test compares with.
 */
function readAsDocumented(file: Buffer) {
  // 1. The first line: the magic, then JSON.
  const newline = file.indexOf(0x0a);
  const first = file.subarray(0, newline).toString('utf8');
  expect(first.startsWith('CANSAT-RAW 1 ')).toBe(true);
  const header = JSON.parse(first.slice('CANSAT-RAW 1 '.length)) as { teamId: number; wireFormat: string; startedAt: number; kind: string };
  // 2. Records: u32 LE length, f64 LE receive time (ms), the bytes.
  const chunks: { receivedAt: number; bytes: Buffer }[] = [];
  for (let at = newline + 1; at + 12 <= file.length; ) {
    const length = file.readUInt32LE(at);
    if (at + 12 + length > file.length) break;
    chunks.push({ receivedAt: file.readDoubleLE(at + 4), bytes: file.subarray(at + 12, at + 12 + length) });
    at += 12 + length;
  }
  // 3. The stream, split at 0x00; each part COBS-decoded, its CRC-32C checked, its 9-byte header read.
  const stream = Buffer.concat(chunks.map((c) => c.bytes));
  const frames: { type: number; teamId: number; packetCount: number; missionTime: number }[] = [];
  let start = 0;
  for (let zero = stream.indexOf(0, start); zero >= 0; start = zero + 1, zero = stream.indexOf(0, start)) {
    const body = cobsDecode(stream.subarray(start, zero));
    if (body === null || body.length < 13) continue;
    const crc = body.readUInt32LE(body.length - 4);
    if (crc32c(body.subarray(0, body.length - 4)) !== crc) continue;
    frames.push({ type: body[0]! & 0x0f, teamId: body.readUInt16LE(1), packetCount: body.readUInt16LE(3), missionTime: body.readUInt32LE(5) });
  }
  return { header, chunks, frames };
}

/** COBS decoding (Cheshire and Baker): a code byte n says n - 1 data bytes follow, then a zero unless n is 0xff. */
function cobsDecode(encoded: Buffer): Buffer | null {
  const out: number[] = [];
  for (let i = 0; i < encoded.length; ) {
    const code = encoded[i]!;
    if (code === 0 || i + code > encoded.length) return null;
    for (let j = 1; j < code; j++) out.push(encoded[i + j]!);
    i += code;
    if (code !== 0xff && i < encoded.length) out.push(0);
  }
  return Buffer.from(out);
}

/** CRC-32C: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF. */
function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('radio.raw as documented', () => {
  const CLASSROOM = new URL('../../classroom/', import.meta.url).pathname;
  const recordings = readdirSync(CLASSROOM, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('radio.raw'));

  it.each(recordings)('%s: a reader written from the documents alone finds every frame the kit finds', (name) => {
    const path = join(CLASSROOM, name);
    const documented = readAsDocumented(readFileSync(path));
    const kit = readRawLog(path);
    expect(documented.header).toEqual(kit.header);
    expect(documented.chunks.map((c) => c.receivedAt)).toEqual(kit.chunks.map((c) => c.receivedAt));
    // The kit's decoder, through the station, on the same bytes.
    const station = new GroundStation({ teamId: kit.header.teamId, wireFormat: kit.header.wireFormat, source: 'test', replay: true });
    const decoded: { type: string; packetCount: number }[] = [];
    station.on('message', (m: { type: string; data?: { packetCount: number } }) => m.data && decoded.push({ type: m.type, packetCount: m.data.packetCount }));
    for (const chunk of kit.chunks) station.ingest(chunk.bytes, chunk.receivedAt);
    station.close();
    const telemetry = documented.frames.filter((f) => f.type === 1);
    expect(telemetry.length).toBeGreaterThan(100);
    expect(telemetry.every((f) => f.teamId === documented.header.teamId)).toBe(true);
    expect(telemetry.map((f) => f.packetCount)).toEqual(decoded.filter((m) => m.type === 'telemetry').map((m) => m.packetCount % 65_536));
    // Receive times are ms since 1970 UTC, in the order the chunks came.
    const times = documented.chunks.map((c) => c.receivedAt);
    expect(new Date(times[0]!).getUTCFullYear()).toBeGreaterThanOrEqual(2020);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });
});
