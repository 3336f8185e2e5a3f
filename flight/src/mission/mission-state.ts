import { MISSION_STATES, type Device, type MissionState } from '@cansat/protocol';

/** The mission's rules, from the flight config. */
export interface MissionRules {
  launchAltitude: number;
  launchSpeed: number;
  apogeeDrop: number;
  /** Samples the mission stays in APOGEE, so that telemetry at 1 Hz shows it. */
  apogeeHoldSamples: number;
  releases: readonly { state: 'PROBE_RELEASE' | 'PAYLOAD_RELEASE'; rule: { kind: 'fraction'; percent: number } | { kind: 'altitude'; meters: number }; device: 'RELEASE' | 'PARACHUTE' }[];
  landedSpeed: number;
  landedAltitude: number;
  persistSamples: number;
  fireParachuteOnBallistic: boolean;
}

/** What the mission knows between samples; persisted, so a reset resumes it. */
export interface Mission {
  state: MissionState;
  /** m above the reference */
  peakAltitude: number;
  /** How many samples in a row the condition for the next step has held. */
  streak: number;
  /** Samples in a row at rest near the ground. */
  landedStreak: number;
  /** Samples in a row falling faster than a parachute allows. */
  ballisticStreak: number;
  parachuteFired: boolean;
}

/** One filtered sample. */
export interface MissionInput {
  /** m above the reference, null when no pressure is to be had */
  altitude: number | null;
  /** m/s, up positive */
  speed: number | null;
}

/** What the program must do because of a step. */
export type MissionAction = { kind: 'actuate'; device: Device; on: boolean } | { kind: 'beacon'; on: boolean };

/** The result of one step: the new mission, the states passed through, and what to do. */
export interface MissionStep {
  mission: Mission;
  entered: MissionState[];
  actions: MissionAction[];
}

/** A mission on the pad. */
export function missionOnPad(): Mission {
  return { state: 'LAUNCH_PAD', peakAltitude: 0, streak: 0, landedStreak: 0, ballisticStreak: 0, parachuteFired: false };
}

/** A speed that no parachute allows: the CanSat is falling free. */
const BALLISTIC_SPEED = -30;

/**
 * The mission's one transition function: pure, no I/O, no clock. Each state moves on only when its condition has
 * held for `persistSamples` samples in a row, so one glitched sample never triggers anything, and states only move
 * forward. A sample without altitude holds everything as it is.
 */
export function stepMission(mission: Mission, input: MissionInput, rules: MissionRules): MissionStep {
  const next: Mission = { ...mission };
  const entered: MissionState[] = [];
  const actions: MissionAction[] = [];
  const { altitude, speed } = input;
  if (altitude === null || speed === null) return { mission: next, entered, actions };

  if (next.state !== 'LAUNCH_PAD') next.peakAltitude = Math.max(next.peakAltitude, altitude);
  const holds = (condition: boolean) => {
    next.streak = condition ? next.streak + 1 : 0;
    return next.streak >= rules.persistSamples;
  };
  const enter = (state: MissionState) => {
    next.state = state;
    next.streak = 0;
    entered.push(state);
  };

  switch (next.state) {
    case 'LAUNCH_PAD':
      if (holds(altitude > rules.launchAltitude && speed > rules.launchSpeed)) {
        enter('ASCENT');
        next.peakAltitude = altitude;
      }
      break;
    case 'ASCENT':
      if (holds(altitude < next.peakAltitude - rules.apogeeDrop && speed < 0)) enter('APOGEE');
      break;
    case 'APOGEE':
      next.streak++;
      if (next.streak >= Math.max(rules.apogeeHoldSamples, rules.persistSamples) && speed < -1) enter('DESCENT');
      break;
    case 'DESCENT':
    case 'PROBE_RELEASE':
    case 'PAYLOAD_RELEASE': {
      // At rest near the ground means landed, whether or not every release happened on the way.
      next.landedStreak = altitude < rules.landedAltitude && Math.abs(speed) < rules.landedSpeed ? next.landedStreak + 1 : 0;
      if (next.landedStreak >= rules.persistSamples) {
        enter('LANDED');
        actions.push({ kind: 'beacon', on: true });
        break;
      }
      const release = rules.releases[rules.releases.findIndex((r) => r.state === next.state) + 1];
      if (release === undefined) break;
      const at = release.rule.kind === 'fraction' ? (next.peakAltitude * release.rule.percent) / 100 : release.rule.meters;
      if (holds(altitude <= at && speed < 0)) {
        enter(release.state);
        actions.push({ kind: 'actuate', device: release.device, on: true });
      }
      break;
    }
    case 'LANDED':
      break;
  }

  // A parachute that did not open: fire it once, whatever the state after apogee.
  const afterApogee = MISSION_STATES.indexOf(next.state) >= MISSION_STATES.indexOf('APOGEE') && next.state !== 'LANDED';
  next.ballisticStreak = afterApogee && speed < BALLISTIC_SPEED ? next.ballisticStreak + 1 : 0;
  if (rules.fireParachuteOnBallistic && !next.parachuteFired && next.ballisticStreak >= rules.persistSamples) {
    next.parachuteFired = true;
    actions.push({ kind: 'actuate', device: 'PARACHUTE', on: true });
  }
  return { mission: next, entered, actions };
}
