import { Random, World, resolveScenario, SENSOR_NOISE } from '@cansat/firmware-sim';
import { FlightCore, freshState, resolveFlightConfig } from '@cansat/flight';
import type { MissionState } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';

/** How the mission's pressure samples arrive. */
interface Sampling {
  hz: number;
  /** Each sample's time moves by up to this fraction of the period either way. */
  jitter: number;
  /** This fraction of the samples never arrives. */
  missing: number;
  /** This fraction of the samples carries a spike of up to ±5 kPa. */
  spikes: number;
  seed: number;
}

const config = resolveFlightConfig({ teamId: 1234, stateDir: '/nonexistent' });

/**
 * Flies the simulator's physics with the mission in the loop (the release it commands opens in the physics), fed
 * pressure samples as `sampling` says. Returns the time each state was entered, the physics' own times for the
 * same moments, and which samples were spiked.
 */
function fly(sampling: Sampling) {
  const world = new World(resolveScenario({ padWait: 10, seed: 3 }));
  const random = new Random(sampling.seed);
  const core = new FlightCore(config, freshState(config, 0));
  const entered = new Map<MissionState, { t: number; spiked: boolean }>();
  /** The times of the samples that arrived. */
  const arrived: number[] = [];
  const physics: Partial<Record<MissionState, number>> = {};
  const rules = config.mission;
  const releaseFraction = rules.releases[0]!.rule.kind === 'fraction' ? rules.releases[0]!.rule.percent / 100 : NaN;
  const period = 1 / sampling.hz;
  for (let k = 1; world.phase !== 'LANDED' || world.time < (physics.LANDED ?? Infinity) + 10; k++) {
    const t = k * period + (random.next() * 2 - 1) * sampling.jitter * period;
    while (world.time < t) {
      world.step();
      const v = world.vehicle;
      if (physics.ASCENT === undefined && v.altitude > rules.launchAltitude && v.vz > rules.launchSpeed) physics.ASCENT = world.time;
      if (physics.PROBE_RELEASE === undefined && v.vz < 0 && v.altitude < releaseFraction * v.peakAltitude) physics.PROBE_RELEASE = world.time;
      if (physics.LANDED === undefined && world.phase === 'LANDED') physics.LANDED = world.time;
    }
    if (random.chance(sampling.missing)) continue;
    arrived.push(t);
    const spiked = random.chance(sampling.spikes);
    const pressure = world.truth.pressure + random.gaussian(SENSOR_NOISE.pressure) + (spiked ? (random.next() * 2 - 1) * 5000 : 0);
    const output = core.onReadings({ pressure, temperature: world.truth.temperature, accel: null, gyro: null, mag: null, voltage: null, current: null, gps: null, failing: 0 }, t * 1000);
    for (const action of output.actions) {
      if (action.kind === 'actuate' && action.device === 'RELEASE') world.setReleaseAngle(config.actuators.releaseOpen);
      if (action.kind === 'actuate' && action.device === 'PARACHUTE') world.setParachute(true);
    }
    for (const event of output.events) if (event.event === 'STATE_CHANGE') entered.set(event.state, { t, spiked });
  }
  physics.APOGEE = world.events.find((e) => e.what === 'apogee: separation')!.t;
  // DESCENT has no moment of its own in the physics (the fall begins at the apex): the rule is that APOGEE is
  // held `apogeeHold` seconds, so 1 Hz telemetry shows it.
  physics.DESCENT = (entered.get('APOGEE')?.t ?? NaN) + rules.apogeeHold;
  return { entered, physics, arrived };
}

/**
 * How late a state may be: 2 s, plus the time by which the samples between the event and the state came later
 * than their period (jitter and missing samples: no mission can see a moment in which no sample was taken).
 */
function allowance(arrived: number[], from: number, to: number, period: number): number {
  let late = 0;
  for (let i = 1; i < arrived.length; i++) {
    if (arrived[i]! >= from && arrived[i - 1]! <= to) late += Math.max(0, arrived[i]! - arrived[i - 1]! - period);
  }
  return 2 + late;
}

const RATES = [1, 2, 5, 10, 20];
const STATES: MissionState[] = ['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED'];

describe('the mission in seconds: the same flight at any sample rate', () => {
  const cases: [string, Omit<Sampling, 'hz'>][] = [
    ['regular', { jitter: 0, missing: 0, spikes: 0, seed: 1 }],
    ['±30 % jitter, 10 % missing', { jitter: 0.3, missing: 0.1, spikes: 0, seed: 2 }],
    ['spikes of up to ±5 kPa in 5 % of the samples', { jitter: 0, missing: 0, spikes: 0.05, seed: 3 }],
    ['jitter, missing samples and spikes together', { jitter: 0.3, missing: 0.1, spikes: 0.05, seed: 4 }],
  ];
  for (const [name, sampling] of cases) {
    it(`${name}: every state within 2 s of the physics, at ${RATES.join(', ')} Hz`, () => {
      const late: string[] = [];
      for (const hz of RATES) {
        for (const seed of [sampling.seed, sampling.seed + 100, sampling.seed + 200]) {
          const { entered, physics, arrived } = fly({ ...sampling, hz, seed });
          expect([...entered.keys()], `${hz} Hz, seed ${seed}`).toEqual(STATES);
          for (const state of STATES) {
            const at = entered.get(state)!;
            const off = at.t - physics[state]!;
            const allowed = allowance(arrived, physics[state]!, at.t, 1 / hz);
            if (!(Math.abs(off) <= allowed)) late.push(`${hz} Hz seed ${seed}: ${state} ${off.toFixed(2)} s from the physics (allowed ${allowed.toFixed(2)})`);
            // DESCENT follows APOGEE by the clock alone, so it may fall on any sample; every other state needs its condition.
            if (at.spiked && state !== 'DESCENT') late.push(`${hz} Hz seed ${seed}: ${state} entered on a spiked sample`);
          }
        }
      }
      expect(late).toEqual([]);
    });
  }
});
