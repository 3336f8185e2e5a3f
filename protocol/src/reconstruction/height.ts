import { AltitudeFilter } from '../altitude-filter.ts';
import { STANDARD_TEMPERATURE, altitudeAbove } from '../altitude.ts';

/** Where a flight's heights come from, best first. */
export type HeightSource = 'pressure' | 'altitude' | 'gps';

/** What a row offers the reconstruction: the kit's telemetry has all of it, another team's file some. */
export interface PhysicsRow {
  /** kPa */
  pressure: number | null;
  /** m, the team's ALTITUDE column (its own zero, its own calibration) */
  altitude: number | null;
  /** m above sea level */
  gpsAltitude: number | null;
}

/** Sea-level pressure of the standard atmosphere, kPa. */
const SEA_LEVEL_KPA = 101.325;
/** Pressures a CanSat can read on Earth below 9 km, kPa: outside them the column is not a barometer in kPa. */
const PLAUSIBLE_KPA = { min: 30, max: 110 };

/** Metres of the standard atmosphere above sea level at `kPa`: a monotone scale whose differences are heights. */
export function standardAltitude(kPa: number): number {
  return altitudeAbove(kPa, { pressure: SEA_LEVEL_KPA, temperature: STANDARD_TEMPERATURE });
}

/** A flight's heights, one per row, before any pad is chosen: on a scale of their own source. */
export interface HeightSeries {
  source: HeightSource | null;
  /** Why this source, for a person. */
  why: string;
  /** m on the source's own scale (standard altitude for pressure), NaN where a row has none. */
  raw: Float64Array;
  /** m: the filter's estimate, NaN where a row has none. */
  clean: Float64Array;
  /** The filter's highest confirmed height at each row (a doubted sample is not), NaN where none. */
  believed: Float64Array;
  /** Rows whose sample the filter threw away or undid as a glitch. */
  spikes: number[];
  /** m: how finely the source resolves height (0.1 kPa is about 8.5 m), the smallest step worth noticing. */
  resolution: number;
}

/** The source the physics trusts: pressure where most rows have a plausible one, else the ALTITUDE column, else GPS. */
export function chooseSource(rows: readonly PhysicsRow[]): { source: HeightSource | null; why: string } {
  const count = (f: (r: PhysicsRow) => boolean) => rows.reduce((n, r) => n + (f(r) ? 1 : 0), 0);
  const pressures = count((r) => r.pressure !== null);
  const plausible = count((r) => r.pressure !== null && r.pressure >= PLAUSIBLE_KPA.min && r.pressure <= PLAUSIBLE_KPA.max);
  const half = rows.length / 2;
  if (plausible > half) return { source: 'pressure', why: 'the pressure (standard atmosphere, from the pad)' };
  const altitudes = count((r) => r.altitude !== null);
  const gps = count((r) => r.gpsAltitude !== null);
  const noPressure = pressures === 0 ? 'no pressure' : `pressures not in kPa of Earth's air (${PLAUSIBLE_KPA.min}-${PLAUSIBLE_KPA.max})`;
  if (altitudes > half) return { source: 'altitude', why: `the ALTITUDE column, zeroed on the pad (${noPressure})` };
  if (gps > half) return { source: 'gps', why: `GPS altitude, zeroed on the pad (${noPressure}, no ALTITUDE)` };
  return { source: null, why: 'no pressure, altitude or GPS altitude in most rows' };
}

/** The height each row's source gives, on the source's own scale. */
export function rawHeight(row: PhysicsRow, source: HeightSource): number {
  const value = source === 'pressure' ? row.pressure : source === 'altitude' ? row.altitude : row.gpsAltitude;
  if (value === null) return Number.NaN;
  return source === 'pressure' ? standardAltitude(value) : value;
}

/**
 * Heights through the flight program's own altitude filter (the same glitch rejection it flies with), restarted
 * where `restarts` says the log starts again (a power cycle: the time between is unknown).
 */
export function heightSeries(rows: readonly PhysicsRow[], times: ArrayLike<number>, restarts: ReadonlySet<number>): HeightSeries {
  const { source, why } = chooseSource(rows);
  const n = rows.length;
  const raw = new Float64Array(n).fill(Number.NaN);
  const clean = new Float64Array(n).fill(Number.NaN);
  const believed = new Float64Array(n).fill(Number.NaN);
  const spikes: number[] = [];
  if (source === null) return { source, why, raw, clean, believed, spikes, resolution: 1 };
  const resolution = resolutionOf(rows, source);
  // The flight program's filter, its doubt widened to the source's steps: at 0.1 kPa (9 m a step) two steps in a
  // second are the descent, not a glitch; the flight program's own barometer resolves centimetres.
  const filter = new AltitudeFilter({ gateFloor: Math.max(10, 3.2 * resolution) });
  let previous = -1;
  let previousDoubtful = false;
  for (let i = 0; i < n; i++) {
    const h = rawHeight(rows[i]!, source);
    raw[i] = h;
    if (!Number.isFinite(h)) continue;
    if (restarts.has(i)) {
      filter.reset();
      previousDoubtful = false;
    }
    const before = filter.rejected;
    const estimate = filter.update(times[i]!, h);
    // The filter counts a sample it throws away now and a doubted one before it that it undoes now.
    const undone = filter.rejected - before - (estimate.accepted ? 0 : 1);
    if (undone > 0 && previousDoubtful && previous >= 0) {
      spikes.push(previous);
      clean[previous] = Number.NaN;
      believed[previous] = Number.NaN;
    }
    if (!estimate.accepted) spikes.push(i);
    else clean[i] = estimate.altitude;
    if (estimate.believed !== null) believed[i] = estimate.believed;
    previousDoubtful = estimate.doubtful;
    previous = i;
  }
  spikes.sort((a, b) => a - b);
  return { source, why, raw, clean, believed, spikes, resolution };
}

/**
 * m of height one step of the source's resolution is worth: the decimals it is written with (0.1 kPa in an AAS
 * file is about 9 m; 0.01 kPa is under 1 m), read from the values themselves rather than from their noise (a quiet
 * pad shows none), at least 0.1 m.
 */
function resolutionOf(rows: readonly PhysicsRow[], source: HeightSource): number {
  const values: number[] = [];
  for (let i = 0; i < rows.length && values.length < 5000; i++) {
    const v = source === 'pressure' ? rows[i]!.pressure : source === 'altitude' ? rows[i]!.altitude : rows[i]!.gpsAltitude;
    if (v !== null) values.push(v);
  }
  let quantum = 1e-4;
  for (const q of [1, 0.1, 0.01, 0.001]) {
    const multiples = values.filter((v) => Math.abs(v / q - Math.round(v / q)) < 1e-6 * Math.max(1, Math.abs(v / q))).length;
    if (multiples >= 0.99 * values.length) {
      quantum = q;
      break;
    }
  }
  if (source !== 'pressure') return Math.max(0.1, quantum);
  const sorted = [...values].sort((a, b) => a - b);
  const p = sorted[Math.floor(sorted.length / 2)] ?? SEA_LEVEL_KPA;
  // dh/dp of the standard atmosphere at the log's usual pressure, m per kPa.
  const perKpa = Math.abs(standardAltitude(p + 0.5) - standardAltitude(p - 0.5));
  return Math.max(0.1, quantum * perKpa);
}
