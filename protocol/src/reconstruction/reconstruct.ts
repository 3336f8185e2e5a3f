import type { MessageKey, Params } from '../i18n/translate.ts';
import { slopeOver } from '../slope.ts';
import { formatHms } from '../time-of-day.ts';
import { findFlights, type FoundFlight } from './flights.ts';
import { heightSeries, type HeightSource, type PhysicsRow } from './height.ts';
import { findRestarts, type CounterRow, type Restart } from './segments.ts';

/**
 * A flight understood from its physics rather than its columns: heights above the pad from the pressure (through
 * the flight program's own altitude filter), the flights in the log found from them, the log's power cycles, and
 * what the team's data did (an un-zeroed or recalibrated ALTITUDE, glitches, a stuck state machine, an early end).
 * One implementation for the report, the replay, the import summary and the dashboard. Pure: rows and times in.
 */

/** A row as the reconstruction reads it (the kit's Telemetry is one). */
export interface ReconstructionRow extends PhysicsRow, CounterRow {
  state: string;
}

/** Kinds of what the reconstruction finds in a team's data. */
export type ReconstructionFindingKind = 'spike' | 'power-cycle' | 'calibration' | 'unzeroed-altitude' | 'truncated' | 'stuck-state' | 'altitude-without-pressure';

/** Something the data did, with its message kept to be said in any language. */
export interface ReconstructionFinding {
  kind: ReconstructionFindingKind;
  /** Row index, or null for the whole log. */
  row: number | null;
  key: MessageKey;
  params: Params;
}

/** A part of the log between two restarts, and what it holds. */
export interface Segment {
  from: number;
  to: number;
  /** How it began: the start of the log, or a restart of the packet count or the mission time. */
  begins: 'start' | Restart['what'];
  /** What it holds: part of the main flight, another climb (a test, a second flight), or neither (the pad). */
  holds: 'flight' | 'climb' | 'rest';
  /** m above its pad: the highest climb in it. */
  climb: number | null;
}

/** A state the physics shows, for a team whose software never said it. */
export interface PhysicsState {
  state: 'LAUNCH_PAD' | 'ASCENT' | 'APOGEE' | 'DESCENT' | 'LANDED';
  row: number;
  at: number;
}

export interface Reconstruction {
  source: HeightSource | null;
  /** Why that source, for a person. */
  sourceWhy: string;
  /** m above the main flight's pad (or the log's first rest), NaN where unknown: filtered, glitches out. */
  height: Float64Array;
  /** m/s up, NaN where unknown: the slope of `height` over 2 s. */
  speed: Float64Array;
  flights: FoundFlight[];
  /** Index in `flights` of the real flight (the largest confirmed climb and fall), or null without a climb. */
  main: number | null;
  segments: Segment[];
  restarts: Restart[];
  spikes: number[];
  states: PhysicsState[];
  findings: ReconstructionFinding[];
  /** m above the pad by GPS at the main flight's apogee row, as a cross-check; null without GPS there. */
  gpsApogee: number | null;
}

/** s of height a vertical speed is the slope of. */
const SPEED_WINDOW = 2;
/** Glitches listed one by one; more are counted in one line. */
const SPIKES_LISTED = 10;
/** m an ALTITUDE column may read on the pad and still be zeroed. */
const ZEROED = 20;
/** m the ALTITUDE column must step by, with the pressure still, to be a calibration. */
const CAL_STEP = 15;
/** Valid rows each side of a step that a CAL's offset is judged on. */
const CAL_WINDOW = 5;

/** Reconstructs the log `rows` taken at `times` (s, ascending: the replay's times). */
export function reconstructFlight(rows: readonly ReconstructionRow[], times: ArrayLike<number>): Reconstruction {
  const restarts = findRestarts(rows);
  const heights = heightSeries(rows, times, new Set(restarts.map((r) => r.row)));
  const flights = findFlights(times, heights.clean, heights.believed, heights.resolution, heights.source === 'pressure' ? null : 0);
  const main = mainFlight(flights);
  const flight = main === null ? null : flights[main]!;
  const zero = flight?.padLevel ?? firstRest(heights.clean);
  const height = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) height[i] = heights.clean[i]! - zero;
  const speed = speeds(times, height);
  const findings: ReconstructionFinding[] = [];
  const at = (row: number) => Number(times[row]!.toFixed(1));

  for (const r of restarts) {
    const params: Params = r.what === 'packet-count' ? { what: 'packet-count', from: r.before, to: r.after } : { what: r.what, from: formatHms(r.before / 1000), to: formatHms(r.after / 1000) };
    findings.push({ kind: 'power-cycle', row: r.row, key: r.what === 'packet-count' ? 'finding.powerCycleCount' : 'finding.powerCycleClock', params });
  }
  const field = heights.source === 'pressure' ? 'pressure' : heights.source === 'altitude' ? 'altitude' : 'gpsAltitude';
  for (const row of heights.spikes.slice(0, SPIKES_LISTED)) {
    const value = rows[row]![field]!;
    const around = Number.isFinite(heights.clean[row - 1] ?? Number.NaN) ? heights.raw[row - 1]! : heights.raw[row + 1] ?? Number.NaN;
    findings.push({ kind: 'spike', row, key: 'finding.spike', params: { field, value: value.toFixed(field === 'pressure' ? 2 : 1), jump: Number.isFinite(around) ? (heights.raw[row]! - around).toFixed(0) : '?' } });
  }
  if (heights.spikes.length > SPIKES_LISTED) findings.push({ kind: 'spike', row: null, key: 'finding.spikesMore', params: { count: heights.spikes.length - SPIKES_LISTED, total: heights.spikes.length } });
  findings.push(...altitudeColumnFindings(rows, heights.source === 'pressure' ? heights.clean : null, flight, zero, at));
  if (flight && !flight.liftoff) findings.push({ kind: 'truncated', row: flight.start, key: 'finding.truncatedStart', params: { height: (heights.clean[flight.start]! - zero).toFixed(0) } });
  if (flight?.truncated) {
    const t = flight.truncated;
    const after = (t.at - (flight.liftoff?.at ?? Number(times[flight.start]!))).toFixed(0);
    findings.push({ kind: 'truncated', row: null, key: t.phase === 'ascent' ? 'finding.truncatedAscent' : 'finding.truncatedDescent', params: { after, height: t.height.toFixed(0), speed: Math.abs(t.speed).toFixed(0) } });
  }
  const states = flight ? physicsStates(flight, times) : [];
  if (flight && flight.climb > 50 && new Set(rows.slice(flight.start).map((r) => r.state)).size === 1) {
    findings.push({ kind: 'stuck-state', row: null, key: 'finding.stuck', params: { state: rows[flight.start]!.state, altitude: flight.climb.toFixed(0), source: heights.source ?? '' } });
  }
  findings.sort((a, b) => (a.row ?? -1) - (b.row ?? -1));

  let gpsApogee: number | null = null;
  if (flight?.apogee) {
    const pad = median(rows.slice(Math.max(0, flight.start - 20), flight.start + 1).flatMap((r) => (r.gpsAltitude === null ? [] : [r.gpsAltitude])));
    const top = rows[flight.apogee.row]!.gpsAltitude;
    if (pad !== null && top !== null) gpsApogee = top - pad;
  }
  return {
    source: heights.source,
    sourceWhy: heights.why,
    height,
    speed,
    flights,
    main,
    segments: segmentsOf(rows.length, restarts, flights, main),
    restarts,
    spikes: heights.spikes,
    states,
    findings,
    gpsApogee,
  };
}

/** The real flight: a climb that also fell (an apogee), the largest; else the largest climb. */
function mainFlight(flights: readonly FoundFlight[]): number | null {
  let best: number | null = null;
  const score = (f: FoundFlight) => (f.apogee ? 1e9 : 0) + f.climb;
  flights.forEach((f, i) => {
    if (best === null || score(f) > score(flights[best]!)) best = i;
  });
  return best;
}

/** The first height of the log: its zero when it holds no flight. */
function firstRest(clean: Float64Array): number {
  for (const v of clean) if (Number.isFinite(v)) return v;
  return 0;
}

/** m/s of each row: the kit's least-squares slope of the heights over the last SPEED_WINDOW seconds. */
function speeds(times: ArrayLike<number>, height: Float64Array): Float64Array {
  return Float64Array.from(height, (h, i) => (Number.isFinite(h) ? (slopeOver(times, height, i, SPEED_WINDOW) ?? Number.NaN) : Number.NaN));
}

/** What the ALTITUDE column did that the pressure did not: not zeroed on the pad, steps with the pressure still (CAL), a climb of its own. */
function altitudeColumnFindings(rows: readonly ReconstructionRow[], pressureHeight: Float64Array | null, flight: FoundFlight | null, zero: number, at: (row: number) => number): ReconstructionFinding[] {
  const found: ReconstructionFinding[] = [];
  // The pad's rows: those before the liftoff; without a flight, the log's first (it rests, or holds nothing to judge).
  if (flight && !flight.liftoff) return found;
  const padRows = flight?.liftoff ? rows.slice(Math.max(0, flight.liftoff.row - 30), flight.liftoff.row + 1) : rows.slice(0, 30);
  const padAltitude = median(padRows.flatMap((r) => (r.altitude === null ? [] : [r.altitude])));
  if (padAltitude !== null && Math.abs(padAltitude) > ZEROED) {
    // Near the site's own pressure altitude: the team's zero is sea level. Elsewhere: a zero set wrong.
    const sea = pressureHeight !== null && Math.abs(padAltitude - zero) < Math.max(50, Math.abs(zero) * 0.1);
    found.push({ kind: 'unzeroed-altitude', row: null, key: sea ? 'finding.unzeroedSite' : 'finding.unzeroed', params: { altitude: padAltitude.toFixed(0), site: zero.toFixed(0) } });
  }
  if (pressureHeight === null) return found;
  // A CAL: the offset between the column and the pressure's height steps, and stays stepped (rows whose pressure
  // the filter threw away are passed over: the team's altitude glitched with it).
  const valid: number[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i]!.altitude !== null && Number.isFinite(pressureHeight[i]!)) valid.push(i);
  const offset = (k: number) => rows[valid[k]!]!.altitude! - pressureHeight[valid[k]!]!;
  // The offset is judged on the CAL_WINDOW valid rows each side, so a glitch in both (the team's altitude made from
  // a glitched pressure the filter kept) is not a CAL.
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (let k = 1; k + 2 < valid.length; k++) {
    if (!(Math.abs(offset(k) - offset(k - 1)) > CAL_STEP)) continue;
    const before = Array.from({ length: Math.min(CAL_WINDOW, k) }, (_, d) => k - 1 - d);
    const after = Array.from({ length: Math.min(CAL_WINDOW, valid.length - k) }, (_, d) => k + d);
    const step = middle(after.map(offset)) - middle(before.map(offset));
    const moved = middle(after.map((j) => pressureHeight[valid[j]!]!)) - middle(before.map((j) => pressureHeight[valid[j]!]!));
    if (Math.abs(step) > CAL_STEP && Math.abs(moved) < CAL_STEP) {
      const [a, b] = [valid[k - 1]!, valid[k]!];
      found.push({ kind: 'calibration', row: b, key: 'finding.calibration', params: { from: rows[a]!.altitude!.toFixed(1), to: rows[b]!.altitude!.toFixed(1), at: at(b) } });
      k += CAL_WINDOW;
    }
  }
  // A climb in the column that the pressure never saw: the altitude is not this barometer's.
  const altitudes = rows.flatMap((r) => (r.altitude === null ? [] : [r.altitude]));
  if (!flight && altitudes.length > 10 && padAltitude !== null) {
    const top = Math.max(...altitudes);
    const bottom = Math.min(...altitudes);
    const pressures = rows.flatMap((r) => (r.pressure === null ? [] : [r.pressure]));
    const pressureSpread = Math.max(...pressureHeight.filter(Number.isFinite)) - Math.min(...pressureHeight.filter(Number.isFinite));
    // Its "pad" was no pad: the column's own climb says nothing of a zero.
    if (top - bottom > 50 && pressureSpread < (top - bottom) / 3) return [{ kind: 'altitude-without-pressure', row: null, key: 'finding.altitudeWithoutPressure', params: { altitude: top.toFixed(0), spread: (Math.max(...pressures) - Math.min(...pressures)).toFixed(2) } }];
  }
  return found;
}

/** The states a flight's physics shows, at their rows. */
function physicsStates(f: FoundFlight, times: ArrayLike<number>): PhysicsState[] {
  const states: PhysicsState[] = f.liftoff ? [{ state: 'LAUNCH_PAD', row: 0, at: times[0]! }, { state: 'ASCENT', row: f.liftoff.row, at: f.liftoff.at }] : [{ state: 'ASCENT', row: f.start, at: times[f.start]! }];
  if (f.apogee) {
    states.push({ state: 'APOGEE', row: f.apogee.row, at: f.apogee.at });
    const next = Math.min(f.apogee.row + 1, f.end);
    states.push({ state: 'DESCENT', row: next, at: times[next]! });
  }
  if (f.landing) states.push({ state: 'LANDED', row: f.landing.row, at: f.landing.at });
  return states;
}

/** Segments between restarts, each said by what it holds. */
function segmentsOf(n: number, restarts: readonly Restart[], flights: readonly FoundFlight[], main: number | null): Segment[] {
  const bounds = [0, ...restarts.map((r) => r.row), n];
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k]!;
    const to = bounds[k + 1]! - 1;
    if (to < from) continue;
    const inside = flights.map((f, i) => ({ f, i })).filter(({ f }) => f.start <= to && f.end >= from);
    const holds = inside.some(({ i }) => i === main) ? 'flight' : inside.length > 0 ? 'climb' : 'rest';
    const climb = inside.length > 0 ? Math.max(...inside.map(({ f }) => f.climb)) : null;
    segments.push({ from, to, begins: k === 0 ? 'start' : restarts[k - 1]!.what, holds, climb });
  }
  return segments;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
