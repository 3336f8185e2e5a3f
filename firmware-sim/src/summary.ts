import { World } from './world.ts';
import type { Scenario } from './scenario.ts';

/** The figures of one simulated flight. */
export interface FlightSummary {
  scenario: string;
  seed: number;
  apogee: number;
  /** s after ignition */
  timeToApogee: number;
  maxSpeed: number;
  /** g, during the burn */
  maxAcceleration: number;
  /** m/s, averaged over the settled part of each descent phase */
  canopyDescentRate: number | null;
  ballisticDescentRate: number | null;
  releasedDescentRate: number | null;
  /** s after ignition */
  landingTime: number | null;
  landingSpeed: number;
  driftDistance: number;
  /** degrees from north, from the pad to the landing point */
  driftBearing: number;
  events: { t: number; what: string; altitude: number }[];
  faults: number;
  resets: number[];
}

/** What decides the release when no flight program is attached: a fraction of the peak, on the way down. */
export type ReleaseRule = { kind: 'fraction'; fraction: number } | { kind: 'none' };

/**
 * Flies a scenario's physics to landing as fast as the CPU allows and sums it up. Without a flight program the
 * release is commanded by `release` (a stand-in for the mission's rule).
 */
export function flySummary(scenario: Scenario, release: ReleaseRule, maxSeconds = 3600): FlightSummary {
  const world = new World(scenario);
  let maxSpeed = 0;
  let maxAcceleration = 0;
  const rates: Partial<Record<string, number[]>> = { CANOPY: [], BALLISTIC: [], RELEASED: [] };
  let phaseSince = 0;
  let lastPhase = world.phase;
  let landingSpeed = 0;
  while (world.phase !== 'LANDED' && world.time < maxSeconds) {
    const v = world.vehicle;
    const speedBefore = -v.vz;
    world.step();
    const phase: string = world.phase;
    if (phase !== lastPhase) {
      lastPhase = world.phase;
      phaseSince = world.time;
      if (phase === 'LANDED') landingSpeed = speedBefore;
    }
    maxSpeed = Math.max(maxSpeed, Math.abs(v.vz));
    maxAcceleration = Math.max(maxAcceleration, v.specificForce / 9.806_65);
    if (world.time - phaseSince > 6) rates[phase]?.push(-v.vz);
    if (release.kind === 'fraction' && (world.phase === 'CANOPY' || world.phase === 'BALLISTIC') && v.vz < 0 && v.altitude < release.fraction * v.peakAltitude) {
      world.setReleaseAngle(180);
    }
  }
  const mean = (xs: number[] = []) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const ignition = world.params.ignitionTime;
  const apogeeEvent = world.events.find((e) => e.what.startsWith('apogee'));
  const landed = world.events.find((e) => e.what === 'landed');
  const v = world.vehicle;
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    apogee: v.peakAltitude,
    timeToApogee: apogeeEvent ? apogeeEvent.t - ignition : Number.NaN,
    maxSpeed,
    maxAcceleration,
    canopyDescentRate: mean(rates['CANOPY']),
    ballisticDescentRate: mean(rates['BALLISTIC']),
    releasedDescentRate: mean(rates['RELEASED']),
    landingTime: landed ? landed.t - ignition : null,
    landingSpeed,
    driftDistance: Math.hypot(v.east, v.north),
    driftBearing: ((Math.atan2(v.east, v.north) * 180) / Math.PI + 360) % 360,
    events: world.events.map((e) => ({ ...e, t: e.t - ignition })),
    faults: scenario.faults.length,
    resets: scenario.resets,
  };
}

/** A summary as the lines a person reads. */
export function formatSummary(s: FlightSummary, release: ReleaseRule): string {
  const f = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '-' : n.toFixed(digits));
  const lines = [
    `scenario ${s.scenario} (seed ${s.seed})`,
    `apogee            ${f(s.apogee)} m above ground, T+${f(s.timeToApogee)} s`,
    `max speed         ${f(s.maxSpeed)} m/s, max acceleration ${f(s.maxAcceleration)} g`,
    `descent           ${f(s.canopyDescentRate)} m/s under the parachute, ${f(s.ballisticDescentRate)} m/s ballistic, ${f(s.releasedDescentRate)} m/s after release`,
    `landing           T+${f(s.landingTime)} s at ${f(s.landingSpeed)} m/s, ${f(s.driftDistance, 0)} m from the pad, bearing ${f(s.driftBearing, 0)}°`,
    `faults            ${s.faults} scheduled${s.resets.length > 0 ? `; processor resets at T+${s.resets.join(', T+')} s (performed by the flight harness)` : ''}`,
    release.kind === 'fraction'
      ? `release           commanded by the simulator at ${Math.round(release.fraction * 100)}% of the peak (no flight program attached)`
      : 'release           never commanded (no flight program attached)',
    '',
    'events',
    ...s.events.map((e) => `  T${e.t >= 0 ? '+' : ''}${f(e.t, 2).padStart(7)} s  ${f(e.altitude).padStart(7)} m  ${e.what}`),
  ];
  return lines.join('\n');
}
