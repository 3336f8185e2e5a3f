import { MISSION_STATES, type MissionState } from '@cansat/protocol';

/** Why a field was blanked while its row was kept. */
export type FieldRepair = 'unreadable' | 'out-of-range' | 'time-without-hour' | 'no-fix-zeros' | 'dropout-value' | 'unknown-state';

/** A plain decimal number, or null for anything else (text, junk, "gps_time" written literally, hex, Infinity). */
export function readNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const value = Number(t);
  if (!Number.isFinite(value)) return null;
  // Number() also takes hexadecimal, binary and octal ("0x1F", "0b1", "0o7"); decimal is all a CanSat writes.
  const second = t.charCodeAt(1) | 0x20;
  return second === 0x78 || second === 0x62 || second === 0x6f ? null : value;
}

/**
 * A time of day in seconds, from the forms ground stations and spreadsheets write: `hh:mm:ss`, `h:m:s`, with a
 * fraction, `5:36:00 PM`, or whole seconds (`1419`). `36:01.0` (Excel's mm:ss.0, the hour dropped) is
 * 'time-without-hour'; anything else 'unreadable'.
 */
export function readClock(text: string): number | 'time-without-hour' | 'unreadable' {
  const t = text.trim();
  const hms = /^(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*([AaPp][Mm])?$/.exec(t);
  if (hms) {
    let hours = Number(hms[1]);
    const minutes = Number(hms[2]);
    const seconds = Number(hms[3]);
    const half = hms[4]?.toUpperCase();
    if (half === 'PM' && hours < 12) hours += 12;
    if (half === 'AM' && hours === 12) hours = 0;
    if (hours > 23 || minutes > 59 || seconds >= 61) return 'unreadable';
    return hours * 3600 + minutes * 60 + seconds;
  }
  if (/^\d{1,2}:\d{2}(\.\d+)?$/.test(t)) return 'time-without-hour';
  if (/^\d{1,5}(\.\d+)?$/.test(t) && Number(t) < 86_400) return Number(t);
  return 'unreadable';
}

/** F/S as the guides write the mode, and the words teams use. */
export function readMode(text: string): 'flight' | 'simulation' | null {
  const t = text.trim().toUpperCase();
  if (t === 'F' || t === 'FLIGHT') return 'flight';
  if (t === 'S' || t === 'SIM' || t === 'SIMULATION') return 'simulation';
  return null;
}

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

/** The plausible bounds of each value the importer reads, in the kit's units; outside them a field is blanked. */
export const PLAUSIBLE: Record<string, readonly [number, number]> = {
  altitude: [-1000, 30_000],
  temperature: [-80, 150],
  pressure: [1, 120],
  voltage: [0, 30],
  current: [-50, 50],
  gyroR: [-5000, 5000],
  gyroP: [-5000, 5000],
  gyroY: [-5000, 5000],
  accelR: [-320, 320],
  accelP: [-320, 320],
  accelY: [-320, 320],
  magR: [-30, 30],
  magP: [-30, 30],
  magY: [-30, 30],
  gpsAltitude: [-1000, 30_000],
  latitude: [-90, 90],
  longitude: [-180, 180],
  gpsSats: [0, 99],
};

/** kPa per unit of a pressure column. */
export const PRESSURE_UNITS = { pa: 0.001, hpa: 0.1, kpa: 1 } as const;
export type PressureUnit = keyof typeof PRESSURE_UNITS;

/** The unit of a file's pressures from their median: Pa, hPa (mbar) or kPa all occur, one per file. */
export function pressureUnitOf(median: number): PressureUnit {
  if (median > 2000) return 'pa';
  if (median > 200) return 'hpa';
  return 'kpa';
}
