import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlackBox } from './black-box.ts';
import { MissionStore, type PersistedMission } from './mission-store.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'cansat-store-'));

const STATE: PersistedMission = {
  version: 2,
  teamId: 1234,
  packetCount: 57,
  eventCount: 4,
  ackCount: 2,
  timeBase: { missionTime: 50_000_000, clockAt: 1000, utc: true },
  reference: { pressure: 91_965, temperature: 282.9 },
  mission: { state: 'DESCENT', peakAltitude: 851.2, next: { since: 1203.5, samples: 4 }, landed: null, ballistic: null, enteredAt: 1201.2, parachuteFired: false },
  mode: 'flight',
  simulation: 'off',
  telemetryOn: true,
  telemetryHz: 1,
  lastCommandCounter: 9,
  cmdEcho: 'CXON',
  outputs: { RELEASE: false },
  resets: 0,
};

describe('mission store', () => {
  it('saves atomically and restores the same state', () => {
    const store = new MissionStore(join(folder(), 'mission.json'));
    expect(store.load(1234)).toEqual({ kind: 'fresh' });
    store.save(STATE);
    store.save({ ...STATE, packetCount: 58 });
    expect(store.load(1234)).toEqual({ kind: 'restored', state: { ...STATE, packetCount: 58 }, from: 'current' });
  });

  it('reads a state file of the kit that counted samples, conditions starting afresh', () => {
    const store = new MissionStore(join(folder(), 'mission.json'));
    const { next: _n, landed: _l, ballistic: _b, enteredAt: _e, ...mission } = STATE.mission;
    writeFileSync(store.path, JSON.stringify({ ...STATE, version: 1, mission: { ...mission, streak: 2, landedStreak: 0, ballisticStreak: 0 } }));
    expect(store.load(1234)).toEqual({ kind: 'restored', state: { ...STATE, mission: { ...STATE.mission, next: null, enteredAt: null } }, from: 'current' });
  });

  it('falls back to the previous copy when the current one is corrupt, and says why', () => {
    const store = new MissionStore(join(folder(), 'mission.json'));
    store.save(STATE);
    store.save({ ...STATE, packetCount: 58 });
    writeFileSync(store.path, '{"version":1,"teamId":1234,"packetC');
    expect(store.load(1234)).toEqual({ kind: 'restored', state: STATE, from: 'previous', problem: 'not valid JSON' });
    writeFileSync(store.path, JSON.stringify({ ...STATE, mission: { ...STATE.mission, state: 'ORBIT' } }));
    expect(store.load(1234)).toMatchObject({ kind: 'restored', from: 'previous', problem: expect.stringContaining('/mission/state') });
  });

  it('reports both files unreadable, and ignores another team\u2019s state', () => {
    const store = new MissionStore(join(folder(), 'mission.json'));
    writeFileSync(store.path, 'garbage');
    writeFileSync(`${store.path}.prev`, '');
    expect(store.load(1234)).toMatchObject({ kind: 'unreadable', problem: expect.stringContaining('not valid JSON') });
    store.save({ ...STATE, teamId: 4321 });
    expect(store.load(1234)).toMatchObject({ kind: 'unreadable', problem: expect.stringContaining('belongs to team 4321') });
  });
});

describe('black box', () => {
  const record = (i: number) => ({ kind: 'telemetry' as const, packetCount: i, missionTime: i * 1000, bytes: Uint8Array.of(i, 0, 255, i) });

  it('reads back every record in order', () => {
    const path = join(folder(), 'blackbox.bin');
    const box = new BlackBox(path);
    for (let i = 1; i <= 50; i++) box.append(record(i));
    box.close();
    const { records, tornBytes } = BlackBox.read(path);
    expect(records).toEqual(Array.from({ length: 50 }, (_, i) => record(i + 1)));
    expect(tornBytes).toBe(0);
  });

  it('tolerates a torn last record at every cut point, keeping all whole ones', () => {
    const path = join(folder(), 'blackbox.bin');
    const box = new BlackBox(path);
    for (let i = 1; i <= 3; i++) box.append(record(i));
    box.close();
    const whole = readFileSync(path).length;
    const lastLength = whole / 3;
    for (let cut = 1; cut < lastLength; cut++) {
      truncateSync(path, whole - cut);
      const { records, tornBytes } = BlackBox.read(path);
      expect(records.map((r) => r.packetCount)).toEqual([1, 2]);
      expect(tornBytes).toBe(lastLength - cut);
      // Restore for the next cut.
      writeFileSync(path, Buffer.alloc(0));
      const again = new BlackBox(path);
      for (let i = 1; i <= 3; i++) again.append(record(i));
      again.close();
    }
  });

  it('cuts a torn record before appending after a restart, so later records stay readable', () => {
    const path = join(folder(), 'blackbox.bin');
    const box = new BlackBox(path);
    box.append(record(1));
    box.close();
    appendFileSync(path, Buffer.from([40, 0, 0, 0, 1, 2]));
    const restarted = new BlackBox(path);
    expect(restarted.repair()).toBe(6);
    restarted.append(record(2));
    restarted.close();
    expect(BlackBox.read(path)).toEqual({ records: [record(1), record(2)], tornBytes: 0 });
  });
});
