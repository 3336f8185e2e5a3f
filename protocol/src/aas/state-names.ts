import { MISSION_STATES, type MissionState } from '../mission.ts';

/** Every state name of the guides since 2021, and what teams wrote, as the kit's states. */
const STATE_ALIASES: Record<string, MissionState> = {
  LAUNCH_PAD: 'LAUNCH_PAD',
  LAUNCH_WAIT: 'LAUNCH_PAD',
  LAUNCHPAD: 'LAUNCH_PAD',
  READY: 'LAUNCH_PAD',
  IDLE: 'LAUNCH_PAD',
  STANDBY: 'LAUNCH_PAD',
  PRELAUNCH: 'LAUNCH_PAD',
  BOOT: 'LAUNCH_PAD',
  ASCENT: 'ASCENT',
  ASCENDING: 'ASCENT',
  ROCKET_SEPARATION: 'APOGEE',
  ROCKET_SEPERATION: 'APOGEE',
  SEPARATION: 'APOGEE',
  APOGEE: 'APOGEE',
  DESCENT: 'DESCENT',
  DESCENDING: 'DESCENT',
  SP1_RELEASE: 'PROBE_RELEASE',
  TP_RELEASE: 'PROBE_RELEASE',
  HS_RELEASE: 'PROBE_RELEASE',
  PROBE_RELEASE: 'PROBE_RELEASE',
  RELEASED: 'PROBE_RELEASE',
  RELEASE: 'PROBE_RELEASE',
  SP2_RELEASE: 'PAYLOAD_RELEASE',
  PAYLOAD_RELEASE: 'PAYLOAD_RELEASE',
  LANDED: 'LANDED',
  LANDING: 'LANDED',
  RECOVERY: 'LANDED',
};

/**
 * A state as the kit names it, and the name it was written with when that differs (reported); numeric states
 * count through `order` (the layout's state list) from `base` (0 or 1, decided per file). Null when unknown.
 */
export function readState(text: string, order: readonly string[], base: number): { state: MissionState; alias: string | null } | null {
  const t = text.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (/^\d+$/.test(t)) {
    const named = order[Number(t) - base];
    const state = named === undefined ? undefined : STATE_ALIASES[named];
    return state ? { state, alias: `${t} (${named})` } : null;
  }
  const state = STATE_ALIASES[t];
  if (!state) return null;
  return { state, alias: (MISSION_STATES as readonly string[]).includes(t) ? null : t };
}
