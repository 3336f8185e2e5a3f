import { mkdtempSync, readFileSync } from 'node:fs';
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
});
