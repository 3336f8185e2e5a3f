
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
