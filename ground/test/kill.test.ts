import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AAS_2025, encodeFrame, parseTelemetryLine } from '@cansat/protocol';
import { FrameDecoderStream } from '@cansat/protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { readRawLog } from '../src/recorder/raw-log.ts';
import { folder, radioPair, telemetry, until } from './helpers.ts';

const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the ground station killed mid-stream (SIGKILL)', () => {
  it('leaves a raw log and a Flight_<TEAM_ID>.csv that are valid up to the last frame received', async () => {
    const radio = await radioPair();
    cleanups.push(() => radio.link.close(), () => new Promise((r) => radio.cansat.close(r)));
    const record = folder();
    const child = spawn(process.execPath, [BIN, 'live', '--port', radio.link.path('ground'), '--baud', '115200', '--team', '1234', '--record', record, '--http-port', '0', '--kind', 'simulator'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    await until(() => /receiving on/.test(output), 15_000, `the ground station to open the radio:\n${output}`);
    let sent = 0;
    const writer = setInterval(() => radio.cansat.write(encodeFrame(telemetry(++sent))), 4);
    cleanups.push(() => clearInterval(writer));
    await until(() => sent >= 150, 5000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const killedAt = sent;
    clearInterval(writer);

    const session = join(record, readdirSync(record).find((name) => name.includes('_simulator_team1234'))!);
    const raw = readRawLog(join(session, 'radio.raw'));
    expect(raw.chunks.length).toBeGreaterThan(10);
    // Decode the raw log again, as a replay would.
    const decoded: number[] = [];
    const decoder = new FrameDecoderStream({ teamId: 1234 });
    decoder.on('data', (m: { type: string; packetCount: number }) => m.type === 'telemetry' && decoded.push(m.packetCount));
    let beforeLastChunk = 0;
    raw.chunks.forEach((chunk, i) => {
      if (i === raw.chunks.length - 1) beforeLastChunk = decoded.length;
      decoder.write(chunk.bytes);
    });
    expect(decoded).toEqual(decoded.map((_, i) => i + 1));
    expect(decoded.length).toBeGreaterThan(50);
    expect(decoded.length).toBeLessThanOrEqual(killedAt);

    const text = readFileSync(join(session, 'Flight_1234.csv'), 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = text.split('\r\n').slice(1, -1);
    // Every frame in the raw log has its row, but for those of the very last chunk if the kill came between
    // logging the chunk and writing its rows.
    expect(rows.length).toBeGreaterThanOrEqual(beforeLastChunk);
    expect(rows.length).toBeLessThanOrEqual(decoded.length);
    const counts = rows.map((row) => {
      const parsed = parseTelemetryLine(row, AAS_2025);
      if (!parsed.ok) throw new Error(`bad CSV row: ${row}`);
      return parsed.value.telemetry.packetCount;
    });
    expect(counts).toEqual(decoded.slice(0, rows.length));
  }, 30_000);
});
