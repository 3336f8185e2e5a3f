import { appendFileSync, mkdtempSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '@cansat/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { telemetry } from '../test/helpers.ts';
import { GroundStation } from './ground-station.ts';
import { CsvRecorder } from './recorder/csv-recorder.ts';
import { readRawLog } from './recorder/raw-log.ts';

afterEach(() => vi.restoreAllMocks());

describe('ground station', () => {
  it('keeps receiving when the recording fails, and counts the failures in its link report', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cansat-station-'));
    const station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'test', record: { folder, kind: 'simulator' } });
    const errors: unknown[] = [];
    station.on('record-error', (error: unknown) => errors.push(error));
    const received: number[] = [];
    station.on('message', (m: { type: string; data: { packetCount: number } }) => received.push(m.data.packetCount));
    station.ingest(encodeFrame(telemetry(1)), 1_800_000_000_000);
    // The disk fills up: every CSV row fails from now on.
    vi.spyOn(CsvRecorder.prototype, 'append').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    for (let n = 2; n <= 4; n++) station.ingest(encodeFrame(telemetry(n)), 1_800_000_000_000 + n * 1000);
    expect(received).toEqual([1, 2, 3, 4]);
    expect(errors).toHaveLength(3);
    expect(station.linkStats(1_800_000_005_000)).toMatchObject({ framesReceived: 4, recordErrors: 3 });
    station.close();
    // What was written before the disk filled is intact, and the raw log has every frame.
    expect(readFileSync(join(folder, 'Flight_1234.csv'), 'utf8').trim().split('\r\n')).toHaveLength(2);
    expect(readRawLog(join(folder, 'radio.raw')).chunks).toHaveLength(4);
  });

  it('resumes a crashed session: the flight so far reloaded, the recording continued, the gap counted lost', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cansat-station-'));
    const first = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'test', record: { folder, kind: 'simulator' } });
    for (let n = 1; n <= 10; n++) first.ingest(encodeFrame(telemetry(n)), 1_800_000_000_000 + n * 1000);
    // Killed between the raw log and the CSV (the last two rows never written), in the middle of a raw record.
    const csvPath = join(folder, 'Flight_1234.csv');
    const rows = readFileSync(csvPath, 'latin1').split('\r\n');
    truncateSync(csvPath, rows.slice(0, 9).join('\r\n').length + 2 + 7);
    appendFileSync(join(folder, 'radio.raw'), Buffer.from([60, 0, 0, 0, 1, 2]));

    const second = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'test', record: { folder, kind: 'simulator', resume: true } });
    expect(second.resumed).toEqual({ chunks: 10, telemetry: 10, lastReceivedAt: 1_800_000_010_000 });
    expect(second.csvRows).toBe(10);
    // Frames 11-13 were sent while the station was down.
    for (let n = 14; n <= 15; n++) second.ingest(encodeFrame(telemetry(n)), 1_800_000_000_000 + n * 1000);
    expect(second.linkStats(1_800_000_016_000)).toMatchObject({ framesReceived: 12, framesLost: 3 });
    expect(second.telemetry.map((t) => t.data.packetCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15]);
    second.close();
    const csv = readFileSync(csvPath, 'latin1').trim().split('\r\n');
    expect(csv.slice(1).map((row) => Number(row.split(',')[2]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15]);
    expect(csv.filter((row) => row.startsWith('TEAM_ID'))).toHaveLength(1);
    const raw = readRawLog(join(folder, 'radio.raw'));
    expect(raw).toMatchObject({ tornBytes: 0 });
    expect(raw.chunks).toHaveLength(12);
    expect(statSync(join(folder, 'radio.raw')).size).toBeGreaterThan(0);
  });

  it('refuses to resume another team\'s or another format\'s recording', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cansat-station-'));
    new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'test', record: { folder, kind: 'simulator' } }).close();
    expect(() => new GroundStation({ teamId: 99, wireFormat: 'binary', source: 'test', record: { folder, kind: 'simulator', resume: true } })).toThrow(/team 1234's binary recording, not team 99's binary/);
  });
});
