import { MISSION_STATES, type Device, type MissionState } from '@cansat/protocol';

/** The mission's rules, from the flight config. Every time is in seconds, never in samples. */
export interface MissionRules {
  launchAltitude: number;
  launchSpeed: number;
  apogeeDrop: number;
  /** s the mission stays in APOGEE, so that telemetry at 1 Hz shows it. */
  apogeeHold: number;
  releases: readonly { state: 'PROBE_RELEASE' | 'PAYLOAD_RELEASE'; rule: { kind: 'fraction'; percent: number } | { kind: 'altitude'; meters: number }; device: 'RELEASE' | 'PARACHUTE' }[];
  landedSpeed: number;
  landedAltitude: number;
  /** s a condition must hold before the mission acts on it (two samples, or one trusted sample, at the least). */
  persist: number;
  fireParachuteOnBallistic: boolean;
}

/** A condition that holds: since when (s, the samples' clock), and over how many samples. */
export interface Hold {
  since: number;
  samples: number;
}

/** What the mission knows between samples; persisted, so a reset resumes it. Times are the samples' clock, s. */
export interface Mission {
  state: MissionState;
  /** m above the reference */
  peakAltitude: number;
  /** The condition for the next step (null: it does not hold). */
  next: Hold | null;
  /** At rest near the ground. */
  landed: Hold | null;
  /** Falling faster than a parachute allows. */
  ballistic: Hold | null;
  /** When the current state was entered. */
  enteredAt: number | null;
  parachuteFired: boolean;
}

/** One filtered sample. */
export interface MissionInput {
  /** s, the sample's time */
  t: number;
  /** s since the sample before (0 for the first): a condition met now began somewhere in that interval. */
  interval: number;
  /** m above the reference, null when no pressure is to be had */
  altitude: number | null;
  /** m/s, up positive */
  speed: number | null;
  /**
   * false for a sample the filter doubts (a jump it cannot yet tell from a glitch): such a sample alone never
   * completes a condition, and never breaks one.
   */
  trusted: boolean;
  /** m: the highest altitude the filter believes by now (a doubted sample is believed once the next bears it out). */
  believed: number | null;
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
  return { state: 'LAUNCH_PAD', peakAltitude: 0, next: null, landed: null, ballistic: null, enteredAt: null, parachuteFired: false };
}

/** s: sample times are sums of floating-point seconds; a rule met to within a microsecond is met. */
const TIME_EPSILON = 1e-6;

/** A speed that no parachute allows: the CanSat is falling free. */
const BALLISTIC_SPEED = -30;

/**
 * The mission's one transition function: pure, no I/O; time comes in with each sample. A state moves on only when
 * its condition has held for `persist` seconds, judged from the samples' own times (so the same rules fly the same
 * at 1 Hz and 20 Hz, and with irregular intervals): a condition is taken to have begun halfway between the last
 * sample without it and the first with it. It must be met by two samples in a row, or by one sample the filter
 * trusts (one close to its prediction): a glitch can then never cause a transition the flight was not about to
 * make, and can bring one forward by a sample at the most. States only move forward. A sample without altitude
 * holds everything as it is.
 */
export function stepMission(mission: Mission, input: MissionInput, rules: MissionRules): MissionStep {
  const next: Mission = { ...mission };
  const entered: MissionState[] = [];
  const actions: MissionAction[] = [];
  const { t, interval, altitude, speed, trusted, believed } = input;
  if (altitude === null || speed === null) return { mission: next, entered, actions };

  if (next.state !== 'LAUNCH_PAD' && believed !== null) next.peakAltitude = Math.max(next.peakAltitude, believed);
  /** Follows a condition; true once it has held `persist` seconds. */
  const held = (condition: boolean, hold: Hold | null): [boolean, Hold | null] => {
    // A doubted sample that breaks a condition may be a spike the next sample undoes: it breaks nothing.
    if (!condition) return [false, trusted ? null : hold];
    const now = hold === null || t < hold.since ? { since: t - interval / 2, samples: 1 } : { since: hold.since, samples: hold.samples + 1 };
    return [t - now.since >= rules.persist - TIME_EPSILON && (now.samples >= 2 || trusted), now];
  };
  const holds = (condition: boolean) => {
    const [done, hold] = held(condition, next.next);
    next.next = hold;
    return done;
  };
  const enter = (state: MissionState) => {
    next.state = state;
    next.next = null;
    next.enteredAt = t;
    entered.push(state);
  };

  switch (next.state) {
    case 'LAUNCH_PAD':
      if (holds(altitude > rules.launchAltitude && speed > rules.launchSpeed)) {
        enter('ASCENT');
        next.peakAltitude = Math.max(altitude, next.peakAltitude);
      }
      break;
    case 'ASCENT':
      if (holds(altitude < next.peakAltitude - rules.apogeeDrop && speed < 0)) enter('APOGEE');
      break;
    case 'APOGEE':
      // APOGEE is confirmed: DESCENT follows after the hold, by the clock alone.
      if (t - (next.enteredAt ?? t) >= Math.max(rules.apogeeHold, rules.persist) - TIME_EPSILON) enter('DESCENT');
      break;
    case 'DESCENT':
    case 'PROBE_RELEASE':
    case 'PAYLOAD_RELEASE': {
      // At rest near the ground means landed, whether or not every release happened on the way.
      const [landed, landedHold] = held(altitude < rules.landedAltitude && Math.abs(speed) < rules.landedSpeed, next.landed);
      next.landed = landedHold;
      if (landed) {
        enter('LANDED');
        actions.push({ kind: 'beacon', on: true });
        break;
      }
      const release = rules.releases[rules.releases.findIndex((r) => r.state === next.state) + 1];
      if (release === undefined) break;
      const at = release.rule.kind === 'fraction' ? (next.peakAltitude * release.rule.percent) / 100 : release.rule.meters;
      // The rule must hold `persist` seconds: aim at where the CanSat will be by then, not where it is now.
      const soon = altitude + Math.min(speed, 0) * rules.persist;
      if (holds(soon <= at)) {
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
  const [ballistic, ballisticHold] = held(afterApogee && speed < BALLISTIC_SPEED, next.ballistic);
  next.ballistic = ballisticHold;
  if (rules.fireParachuteOnBallistic && !next.parachuteFired && ballistic) {
    next.parachuteFired = true;
    actions.push({ kind: 'actuate', device: 'PARACHUTE', on: true });
  }
  return { mission: next, entered, actions };
}
