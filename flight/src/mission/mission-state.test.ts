import { describe, expect, it } from 'vitest';
import { missionOnPad, stepMission, type Mission, type MissionRules } from './mission-state.ts';

const RULES: MissionRules = {
  launchAltitude: 20,
  launchSpeed: 10,
  apogeeDrop: 3,
  apogeeHoldSamples: 5,
  releases: [{ state: 'PROBE_RELEASE', rule: { kind: 'fraction', percent: 75 }, device: 'RELEASE' }],
  landedSpeed: 1,
  landedAltitude: 30,
  persistSamples: 3,
  fireParachuteOnBallistic: true,
};

/** Runs samples through the machine; returns the states entered and every action. */
function run(samples: [number | null, number | null][], rules = RULES, start: Mission = missionOnPad()) {
  let mission = start;
  const entered: string[] = [];
  const actions: unknown[] = [];
  for (const [altitude, speed] of samples) {
    const step = stepMission(mission, { altitude, speed }, rules);
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
});
