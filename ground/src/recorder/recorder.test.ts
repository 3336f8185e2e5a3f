import { appendFileSync, mkdtempSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AAS_2025, type Telemetry } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';
import { CsvRecorder } from './csv-recorder.ts';
import { RawLogWriter, readRawLog } from './raw-log.ts';
import { RESUME_WITHIN_MS, createSessionFolder, findResumableSession, readSessionRecord, writeSessionRecord, type SessionRecord } from './session.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'cansat-rec-'));

describe('raw log', () => {
  it('reads back every chunk with its time, and stops at a torn last record', () => {
    const path = join(folder(), 'raw.bin');
    const log = new RawLogWriter(path, { teamId: 1234, wireFormat: 'binary', startedAt: 1, kind: 'flight' });
    const chunks = Array.from({ length: 20 }, (_, i) => ({ receivedAt: 1000 + i, bytes: Uint8Array.from({ length: i }, (_, j) => (i * j) & 0xff) }));
    for (const chunk of chunks) log.append(chunk);
    log.close();
    expect(readRawLog(path)).toEqual({ header: { teamId: 1234, wireFormat: 'binary', startedAt: 1, kind: 'flight' }, chunks, tornBytes: 0 });
    appendFileSync(path, Buffer.from([50, 0, 0, 0, 1, 2, 3]));
    expect(readRawLog(path)).toMatchObject({ chunks, tornBytes: 7 });
  });

  it('never overwrites a recording, and says when a file is not a raw log', () => {
    const path = join(folder(), 'raw.bin');
    new RawLogWriter(path, { teamId: 1, wireFormat: 'binary', startedAt: 1, kind: 'flight' }).close();
    expect(() => new RawLogWriter(path, { teamId: 1, wireFormat: 'binary', startedAt: 1, kind: 'flight' })).toThrow(/EEXIST/);
    const other = join(folder(), 'x.csv');
    appendFileSync(other, 'TEAM_ID,MISSION_TIME\n');
    expect(() => readRawLog(other)).toThrow(/not a CanSat raw log/);
  });
});

describe('Flight_<TEAM_ID>.csv', () => {
  it('has the profile header and one row per frame, with the full packet count', () => {
    const path = join(folder(), 'Flight_1234.csv');
    const csv = new CsvRecorder(path, AAS_2025);
    const t = { type: 'telemetry', teamId: 1234, packetCount: 70_000, missionTime: 0, mode: 'flight', state: 'LAUNCH_PAD', altitude: 1.5 } as unknown as Telemetry;
    csv.append({ ...t, ...Object.fromEntries(['temperature', 'pressure', 'voltage', 'current', 'gyroR', 'gyroP', 'gyroY', 'accelR', 'accelP', 'accelY', 'magR', 'magP', 'magY', 'gpsTime', 'gpsAltitude', 'latitude', 'longitude', 'gpsSats', 'cmdEcho'].map((k) => [k, null])), health: 0, faults: 0, rejects: 0 } as Telemetry);
    csv.close();
    const lines = readFileSync(path, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^TEAM_ID,MISSION_TIME,PACKET_COUNT,MODE,STATE,ALTITUDE,/);
    expect(lines[1]).toMatch(/^1234,00:00:00,70000,F,LAUNCH_PAD,1\.5,/);
    expect(lines).toHaveLength(3);
  });
});

describe('session folders', () => {
  it('names the kind and never reuses a folder', () => {
    const root = folder();
    const at = new Date(2026, 5, 13, 14, 5, 9);
    const a = createSessionFolder(root, 'flight', 1234, at);
    const b = createSessionFolder(root, 'rehearsal', 1234, at);
    const c = createSessionFolder(root, 'flight', 1234, at);
    expect(a).toMatch(/2026-06-13_14-05-09_flight_team1234$/);
    expect(b).toMatch(/_rehearsal_team1234$/);
    expect(c).toMatch(/_flight_team1234-2$/);
  });
});

describe('resuming after a crash', () => {
  const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({ version: 1, kind: 'flight', teamId: 1234, wireFormat: 'binary', startedAt: 1, token: 'the-token-1', stoppedAt: null, gaps: [], ...over });

  it('resumes the team\'s last session of the kind when it stopped uncleanly less than an hour ago, and only then', () => {
    const root = folder();
    expect(findResumableSession(root, 'flight', 1234, 'binary')).toEqual({ resume: false, why: 'no earlier flight session of team 1234' });
    const older = createSessionFolder(root, 'flight', 1234, new Date(2026, 5, 13, 9, 0, 0));
    writeSessionRecord(older, record());
    const last = createSessionFolder(root, 'flight', 1234, new Date(2026, 5, 13, 14, 5, 9));
    writeSessionRecord(last, record());
    writeSessionRecord(createSessionFolder(root, 'rehearsal', 1234, new Date(2026, 5, 13, 15, 0, 0)), record({ kind: 'rehearsal' }));
    const decision = findResumableSession(root, 'flight', 1234, 'binary');
    expect(decision).toMatchObject({ resume: true, folder: last, record: { token: 'the-token-1' } });
    // The token is readable by the crew's account only.
    expect(statSync(join(last, 'session.json')).mode & 0o777).toBe(0o600);
    expect(findResumableSession(root, 'flight', 1234, 'aas-2026')).toMatchObject({ resume: false, why: expect.stringMatching(/used --format binary/) });
    expect(findResumableSession(root, 'flight', 77, 'binary')).toMatchObject({ resume: false });
    // Two hours later: another flight.
    expect(findResumableSession(root, 'flight', 1234, 'binary', Date.now() + 2 * RESUME_WITHIN_MS)).toMatchObject({ resume: false, why: expect.stringMatching(/over an hour/) });
    // A clean stop: the next start is a new session.
    writeSessionRecord(last, record({ stoppedAt: 2 }));
    expect(findResumableSession(root, 'flight', 1234, 'binary')).toMatchObject({ resume: false, why: expect.stringMatching(/stopped cleanly/) });
    expect(readSessionRecord(last)?.stoppedAt).toBe(2);
  });

  it('judges the time since the crash by what was last recorded, not by when the session began', () => {
    const root = folder();
    const session = createSessionFolder(root, 'flight', 1234, new Date(2026, 5, 13, 9, 0, 0));
    writeSessionRecord(session, record({ startedAt: Date.now() - 3 * RESUME_WITHIN_MS }));
    appendFileSync(join(session, 'radio.raw'), 'x');
    const old = (Date.now() - 2 * RESUME_WITHIN_MS) / 1000;
    utimesSync(join(session, 'session.json'), old, old);
    expect(findResumableSession(root, 'flight', 1234, 'binary')).toMatchObject({ resume: true });
  });

  it('continues a CSV cut in the middle of a row: the torn row is cut off and the rows counted', () => {
    const path = join(folder(), 'Flight_1234.csv');
    appendFileSync(path, 'TEAM_ID,MISSION_TIME\r\n1234,00:00:01\r\n1234,00:00:02\r\n1234,00:0');
    const csv = new CsvRecorder(path, AAS_2025, { append: true });
    expect(csv.rows).toBe(2);
    csv.close();
    expect(readFileSync(path, 'latin1')).toBe('TEAM_ID,MISSION_TIME\r\n1234,00:00:01\r\n1234,00:00:02\r\n');
  });
});
