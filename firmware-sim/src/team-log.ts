import type { MissionState, Telemetry } from '@cansat/protocol';
import { Random } from './random.ts';
import type { Scenario } from './scenario.ts';
import { SENSOR_NOISE } from './simulator.ts';
import { World } from './world.ts';

/**
 * A flight log as other teams' software writes one, made on purpose with the defects real logs have, from the
 * simulator's physics (which stays the truth the log is judged against). Each defect is one a real team's file has:
 * an ALTITUDE column never zeroed or zeroed wrong, a CAL in the middle, power cycles that restart the mission time
 * and the packet count, pressure glitches on the pad, a log cut in the air, a state machine stuck on the pad.
 */
export interface TeamLogDefects {
  /** Rows a second. */
  hz: number;
  /** m the ALTITUDE column reads above the pad, on the pad (the site's elevation: never zeroed; −183: zeroed wrong). */
  altitudeOffset?: number;
  /** s after power-on at which a CAL zeroes the ALTITUDE column (on the pad, before the launch). */
  calAt?: number;
  /** s after power-on at which the team's computer restarts: rows stop for `rebootSeconds`, then mission time and packet count start again from 0. */
  powerCycles?: number[];
  rebootSeconds?: number;
  /** s after power-on at which the packet count alone starts again (a radio module reset). */
  countRestarts?: number[];
  /** Share of the pad's samples with a pressure glitch of up to ±`glitchKpa` kPa (default 5). */
  padGlitches?: number;
  glitchKpa?: number;
  /** The log ends in the air: halfway up, or halfway down. */
  cut?: 'ascent' | 'descent';
  /** The team's state machine never leaves LAUNCH_PAD. */
  stuckState?: boolean;
  seed?: number;
}

/** What the physics did, in the log's power-on seconds, and m above the pad. */
export interface TeamLogTruth {
  liftoff: number;
  apogee: number;
  apogeeAt: number;
  /** Null when the log ends before it. */
  landing: number | null;
  /** kPa on the pad. */
  padPressure: number;
}

export interface TeamLog {
  /** The rows as the team's software sent them, with the power-on second of each (the log has no such column). */
  rows: { at: number; telemetry: Telemetry }[];
  truth: TeamLogTruth;
}

/** s of pad the log has before ignition when the scenario has less. */
const MIN_PAD = 30;
/** s the log goes on after the landing. */
const AFTER_LANDING = 20;

/** Flies `scenario` (release at 80 % of the peak) and writes its log as a team would, with `defects`. */
export function teamLog(scenario: Scenario, defects: TeamLogDefects): TeamLog {
  const world = new World({ ...scenario, padWait: Math.max(scenario.padWait, MIN_PAD) });
  const random = new Random(defects.seed ?? scenario.seed);
  const period = 1 / defects.hz;
  const padPressure = world.truth.pressure / 1000;
  const ignition = world.params.ignitionTime;
  const rows: TeamLog['rows'] = [];
  let landing: number | null = null;
  let apogeeAt = 0;
  let apogee = 0;
  let released = false;
  let bootAt = 0;
  let packets = 0;
  let state: MissionState = 'LAUNCH_PAD';
  const powerCycles = [...(defects.powerCycles ?? [])];
  const countRestarts = [...(defects.countRestarts ?? [])];
  const reboot = defects.rebootSeconds ?? 4;
  let calibrated = defects.calAt === undefined;
  for (let k = 0; ; k++) {
    const t = k * period;
    while (world.time < t) {
      world.step();
      const v = world.vehicle;
      if (v.altitude > apogee) {
        apogee = v.altitude;
        apogeeAt = world.time;
      }
      if (!released && v.vz < 0 && v.altitude < 0.8 * v.peakAltitude) {
        world.setReleaseAngle(180);
        released = true;
      }
      if (landing === null && world.phase === 'LANDED') landing = world.time;
    }
    if (landing !== null && t > landing + AFTER_LANDING) break;
    if (defects.cut === 'ascent' && world.phase !== 'PAD' && world.vehicle.vz > 0 && world.vehicle.altitude > apogeeEstimate(scenario) / 2) break;
    if (defects.cut === 'descent' && released && world.vehicle.altitude < apogee / 2) break;
    // The team's computer: restarted, it says nothing until it is up again, then counts from zero.
    if (powerCycles.length > 0 && t >= powerCycles[0]!) {
      if (t < powerCycles[0]! + reboot) continue;
      powerCycles.shift();
      bootAt = t;
      packets = 0;
    }
    if (countRestarts.length > 0 && t >= countRestarts[0]!) {
      countRestarts.shift();
      packets = 0;
    }
    if (!calibrated && t >= defects.calAt!) calibrated = true;
    const truth = world.truth;
    const v = world.vehicle;
    let pressure = truth.pressure / 1000 + random.gaussian(SENSOR_NOISE.pressure) / 1000;
    if (world.phase === 'PAD' && random.chance(defects.padGlitches ?? 0)) pressure += (random.next() * 2 - 1) * (defects.glitchKpa ?? 5);
    // The team's altitude: its own standard-atmosphere formula from its CAL reference, with its offset until a CAL.
    const offset = calibrated && defects.calAt !== undefined ? 0 : (defects.altitudeOffset ?? 0);
    const altitude = 44_330.77 * (1 - (pressure / padPressure) ** 0.190_263) + offset;
    if (!defects.stuckState) state = teamState(state, v.altitude, v.vz, released, world.phase === 'LANDED');
    rows.push({
      at: t,
      telemetry: {
        type: 'telemetry', teamId: 0, packetCount: packets++, missionTime: Math.round((t - bootAt) * 1000),
        mode: 'flight', state, altitude, temperature: truth.temperature, pressure, voltage: 8.1, current: 0.2,
        gyroR: null, gyroP: null, gyroY: null, accelR: null, accelP: null, accelY: null, magR: null, magP: null, magY: null,
        gpsTime: null, gpsAltitude: truth.altitudeMsl, latitude: truth.latitude, longitude: truth.longitude, gpsSats: 9,
        cmdEcho: null, health: 0, faults: 0, rejects: 0,
      },
    });
    if (rows.length > 200_000) break;
  }
  return { rows, truth: { liftoff: ignition, apogee, apogeeAt, landing: defects.cut ? null : landing, padPressure } };
}

/** The scenario's target apogee, m: where "halfway up" is. */
function apogeeEstimate(scenario: Scenario): number {
  return scenario.targetApogee;
}

/** A team's state machine as most are written: thresholds on the true height (it flew well, only its log did not). */
function teamState(state: MissionState, altitude: number, vz: number, released: boolean, landed: boolean): MissionState {
  if (landed) return 'LANDED';
  if (state === 'LAUNCH_PAD' && altitude > 10 && vz > 5) return 'ASCENT';
  if (state === 'ASCENT' && vz < 0) return 'APOGEE';
  if (state === 'APOGEE') return 'DESCENT';
  if (state === 'DESCENT' && released) return 'PROBE_RELEASE';
  return state;
}
