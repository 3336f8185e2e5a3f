import { describe, expect, it } from 'vitest';
import { missionOnPad, stepMission, type Mission, type MissionRules } from './mission-state.ts';

const RULES: MissionRules = {
  launchAltitude: 20,
  launchSpeed: 10,
  apogeeDrop: 3,
  apogeeHold: 0.5,
  releases: [{ state: 'PROBE_RELEASE', rule: { kind: 'fraction', percent: 75 }, device: 'RELEASE' }],
  landedSpeed: 1,
  landedAltitude: 30,
  persist: 0.2,
  fireParachuteOnBallistic: true,
};

/** Runs samples (10 a second unless `hz` says otherwise) through the machine; returns the states entered and every action. */
function run(samples: [number | null, number | null][], rules = RULES, start: Mission = missionOnPad(), hz = 10) {
  let mission = start;
  const entered: string[] = [];
  const actions: unknown[] = [];
  for (const [i, [altitude, speed]] of samples.entries()) {
    const step = stepMission(mission, { t: 1000 + i / hz, interval: i === 0 ? 0 : 1 / hz, altitude, speed, trusted: true, believed: altitude }, rules);
    mission = step.mission;
    entered.push(...step.entered);
    actions.push(...step.actions);
  }
  return { mission, entered, actions };
}

const repeat = (n: number, sample: [number | null, number | null]) => Array.from({ length: n }, () => sample);

describe('mission state machine', () => {
  it('flies pad → ascent → apogee → descent → release → landed with the actions', () => {
    const samples: [number | null, number | null][] = [
      ...repeat(10, [0, 0]),
      ...Array.from({ length: 80 }, (_, i): [number, number] => [i * 10, 100 - i]),
      ...Array.from({ length: 50 }, (_, i): [number, number] => [800 - i * 15, -15]),
      ...Array.from({ length: 70 }, (_, i): [number, number] => [Math.max(0, 50 - i * 5), i < 10 ? -5 : 0]),
    ];
    const { entered, actions, mission } = run(samples);
    expect(entered).toEqual(['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    expect(actions).toEqual([
      { kind: 'actuate', device: 'RELEASE', on: true },
      { kind: 'beacon', on: true },
    ]);
    expect(mission.peakAltitude).toBe(800);
  });

  it('ignores a single glitched sample at every step', () => {
    const glitches: [number, number][] = [[500, 200], [0, 0], [-400, -200], [0, 0], [5, 0.1], [0, 0]];
    expect(run([...repeat(5, [0, 0]), ...glitches, ...repeat(5, [0, 0])]).entered).toEqual([]);
    // Just short of the persistence count.
    expect(run([...repeat(5, [0, 0]), ...repeat(2, [100, 50]), ...repeat(5, [0, 0])]).entered).toEqual([]);
    expect(run([...repeat(5, [0, 0]), ...repeat(3, [100, 50])]).entered).toEqual(['ASCENT']);
  });

  it('never goes back, and holds still without altitude', () => {
    const up = run([...repeat(3, [100, 50])]);
    expect(up.mission.state).toBe('ASCENT');
    const after = run([...repeat(20, [0, 0]), ...repeat(20, [null, null])], RULES, up.mission);
    expect(after.mission.state).not.toBe('LAUNCH_PAD');
    const held = run(repeat(50, [null, null]), RULES, up.mission);
    expect(held.mission).toEqual(up.mission);
  });

  it('releases at an absolute altitude, then a second stage, when so configured', () => {
    const rules: MissionRules = {
      ...RULES,
      releases: [
        { state: 'PROBE_RELEASE', rule: { kind: 'altitude', meters: 500 }, device: 'RELEASE' },
        { state: 'PAYLOAD_RELEASE', rule: { kind: 'altitude', meters: 300 }, device: 'PARACHUTE' },
      ],
    };
    const descending = { ...missionOnPad(), state: 'DESCENT' as const, peakAltitude: 900 };
    const { entered, actions } = run(
      Array.from({ length: 100 }, (_, i): [number, number] => [800 - i * 10, -10]),
      rules,
      descending,
    );
    expect(entered).toEqual(['PROBE_RELEASE', 'PAYLOAD_RELEASE']);
    expect(actions).toEqual([
      { kind: 'actuate', device: 'RELEASE', on: true },
      { kind: 'actuate', device: 'PARACHUTE', on: true },
    ]);
  });

  it('fires the parachute once when falling ballistic after apogee', () => {
    const descending = { ...missionOnPad(), state: 'DESCENT' as const, peakAltitude: 900 };
    const { actions } = run(Array.from({ length: 20 }, (_, i): [number, number] => [880 - i * 4, -40]), RULES, descending);
    expect(actions).toEqual([{ kind: 'actuate', device: 'PARACHUTE', on: true }]);
  });

  it('lands even when a release never happened', () => {
    const descending = { ...missionOnPad(), state: 'DESCENT' as const, peakAltitude: 20 };
    expect(run(repeat(5, [2, 0]), RULES, descending).entered).toEqual(['LANDED']);
  });

  it('holds conditions for the same seconds at any sample rate', () => {
    // 100 m and rising for 0.25 s is enough (0.2 s is the rule), at 20 Hz as at 1 Hz, where one sample spans it.
    for (const hz of [1, 2, 5, 10, 20]) {
      const climbing = run([...repeat(hz, [0, 0]), ...repeat(Math.ceil(0.25 * hz) + 1, [100, 50])], RULES, missionOnPad(), hz);
      expect(climbing.entered, `${hz} Hz`).toEqual(['ASCENT']);
      // Held for less than 0.2 s: nothing, at 5 Hz and faster.
      if (hz >= 5) expect(run([...repeat(hz, [0, 0]), ...repeat(Math.floor(0.2 * hz), [100, 50]), ...repeat(hz, [0, 0])], RULES, missionOnPad(), hz).entered, `${hz} Hz`).toEqual([]);
    }
    // APOGEE is held for its seconds, not its samples.
    for (const hz of [1, 2, 10]) {
      const apogee = { ...missionOnPad(), state: 'APOGEE' as const, peakAltitude: 800, enteredAt: 1000 };
      let mission: Mission = apogee;
      let descentAt = -1;
      for (let i = 1; i <= 3 * hz && descentAt < 0; i++) {
        const step = stepMission(mission, { t: 1000 + i / hz, interval: 1 / hz, altitude: 800 - 5 * i, speed: -5, trusted: true, believed: 800 - 5 * i }, RULES);
        mission = step.mission;
        if (step.entered.includes('DESCENT')) descentAt = i / hz;
      }
      expect(descentAt, `${hz} Hz`).toBe(Math.ceil(RULES.apogeeHold * hz) / hz);
    }
  });

  it('never completes a condition on one doubted sample, but takes two in a row', () => {
    const sample = (t: number, altitude: number, speed: number, trusted: boolean) => ({ t, interval: 1, altitude, speed, trusted, believed: trusted ? altitude : null });
    // A doubted jump at 1 Hz, then back on the pad: nothing.
    const doubted = stepMission(missionOnPad(), sample(1, 200, 150, false), RULES);
    expect(doubted.entered).toEqual([]);
    expect(stepMission(doubted.mission, sample(2, 0, 0, true), RULES).mission).toMatchObject({ state: 'LAUNCH_PAD', next: null });
    // The same jump followed by the flight going on: the launch.
    expect(stepMission(doubted.mission, sample(2, 330, 120, false), RULES).entered).toEqual(['ASCENT']);
    // A trusted sample that spans the rule's time alone is enough.
    expect(stepMission(missionOnPad(), sample(1, 50, 40, true), RULES).entered).toEqual(['ASCENT']);
    // A doubted sample never raises the peak; it does once the filter believes it.
    const climbing = { ...missionOnPad(), state: 'ASCENT' as const, peakAltitude: 500 };
    expect(stepMission(climbing, sample(3, 900, 100, false), RULES).mission.peakAltitude).toBe(500);
    expect(stepMission(climbing, { ...sample(4, 880, 80, true), believed: 900 }, RULES).mission.peakAltitude).toBe(900);
  });

  it('aims a release at where the CanSat will be once the rule has held, at any rate', () => {
    // Falling at 15 m/s from an 800 m peak; the release is due at 600 m (75 %).
    for (const hz of [1, 2, 5, 10, 20]) {
      const descending = { ...missionOnPad(), state: 'DESCENT' as const, peakAltitude: 800 };
      let mission: Mission = descending;
      let releasedAt: number | null = null;
      for (let i = 0; releasedAt === null && i < 100 * hz; i++) {
        const altitude = 700 - (15 * i) / hz;
        const step = stepMission(mission, { t: i / hz, interval: i === 0 ? 0 : 1 / hz, altitude, speed: -15, trusted: true, believed: altitude }, RULES);
        mission = step.mission;
        if (step.entered.includes('PROBE_RELEASE')) releasedAt = altitude;
      }
      expect(releasedAt, `${hz} Hz`).not.toBeNull();
      expect(Math.abs(releasedAt! - 600), `${hz} Hz`).toBeLessThanOrEqual(15 / hz + 0.01);
    }
  });
});
