import { slopeOver } from '../slope.ts';

/**
 * The flights in a long log, from heights alone: a pad (steady), a liftoff (a climb that the next samples confirm,
 * never one sample's jump), an apogee, a landing (steady again), and what a recording that stops early does not hold.
 */

/** One climb found in the log, every time in the rows' seconds and every height in m above its own pad. */
export interface FoundFlight {
  /** The pad's level on the source's scale (m): what "above the pad" is measured from. */
  padLevel: number;
  /**
   * The last row on the pad, and the liftoff: halfway to the first row that had left it. Null when the recording
   * starts in the air (no pad in it): then `start` is its first row and the heights keep the source's own zero.
   */
  liftoff: { row: number; at: number } | null;
  /** The row the flight starts from: the liftoff's, or the first row of a recording that starts in the air. */
  start: number;
  /** Null when the recording ends before the height turned down: it holds no apogee. */
  apogee: { row: number; at: number; height: number } | null;
  /** The first row of the rest after the descent, or null when the recording ends before it. */
  landing: { row: number; at: number; height: number } | null;
  /** The highest the climb reached, m above the pad (the apogee's height when there is one). */
  climb: number;
  /** The last row of this flight. */
  end: number;
  /** Set when the recording ends while it was still moving. */
  truncated: { phase: 'ascent' | 'descent'; at: number; height: number; speed: number } | null;
}

/** s the pad's level is taken over, before the climb. */
const PAD_WINDOW = 10;
/** Samples at rest before a climb that make a pad (fewer: the log starts in the air). */
const PAD_SAMPLES = 3;
/** s a climb must stay up for to count (and at least CONFIRM_SAMPLES samples). */
const CONFIRM_SECONDS = 1.5;
const CONFIRM_SAMPLES = 3;
/** m a climb must reach above the pad to be one (below: a can lifted by hand, a step on a stair). */
const MIN_CLIMB = 20;
/** s the height must stay still for a landing. */
const REST_SECONDS = 5;
/** m/s a rest may still drift by (a can rocking in the wind, a barometer warming in the sun). */
const REST_SPEED = 1.5;
/** s of heights the speed at the end of a recording is the slope of. */
const END_WINDOW = 3;

/**
 * Finds every climb in `heights` (NaN where unknown), in order; `resolution` is the source's smallest step (m);
 * `ownZero` is the source's zero for a recording that starts in the air (0 for an ALTITUDE column, null for a
 * scale with no zero of its own: the first sample).
 */
export function findFlights(times: ArrayLike<number>, heights: Float64Array, believed: Float64Array, resolution: number, ownZero: number | null): FoundFlight[] {
  const noise = Math.max(3, 1.5 * resolution);
  const threshold = Math.max(3 * noise, 10);
  const flights: FoundFlight[] = [];
  const n = heights.length;
  let from = 0;
  while (from < n) {
    const flight = nextFlight(times, heights, believed, from, noise, threshold, ownZero);
    if (!flight) break;
    flights.push(flight);
    from = flight.end + 1;
  }
  return flights;
}

function nextFlight(times: ArrayLike<number>, h: Float64Array, believed: Float64Array, from: number, noise: number, threshold: number, ownZero: number | null): FoundFlight | null {
  const n = h.length;
  // The lowest height of the last PAD_WINDOW seconds, kept in a deque of rising values (rows by index).
  const lows: number[] = [];
  let head = 0;
  for (let i = from; i < n; i++) {
    const hi = h[i]!;
    if (!Number.isFinite(hi)) continue;
    while (lows.length > head && times[i]! - times[lows[head]!]! > PAD_WINDOW) head++;
    const low = lows.length > head ? h[lows[head]!]! : hi;
    while (lows.length > head && h[lows.at(-1)!]! >= hi) lows.pop();
    lows.push(i);
    if (hi - low <= threshold) continue;
    const candidate = confirmClimb(times, h, i, low, threshold, noise);
    if (candidate === null) continue;
    // The pad: the median of the PAD_WINDOW before the climb, and the liftoff the last row at its level. A slow climb
    // (a drone, a vacuum chamber) fills that window with climbing rows, so both are taken again from the liftoff
    // found, until it stays (a few rounds).
    let last = i;
    let padLevel = h[i]!;
    for (let round = 0; round < 6; round++) {
      padLevel = padLevelBefore(times, h, last, from);
      let found = from;
      for (let j = last; j >= from; j--) {
        if (Number.isFinite(h[j]!) && h[j]! <= padLevel + noise) {
          found = j;
          break;
        }
      }
      if (found === last) break;
      last = found;
    }
    if (from === 0 && validBetween(h, 0, last) < PAD_SAMPLES) {
      // The log starts already climbing: no pad in it, so no liftoff.
      return follow(times, h, believed, 0, null, ownZero ?? h[0]!, noise);
    }
    const next = nextValid(h, last, n);
    const liftoffAt = next < 0 ? times[last]! : (times[last]! + times[next]!) / 2;
    return follow(times, h, believed, last, { row: last, at: liftoffAt }, padLevel, noise);
  }
  return null;
}

/**
 * Whether the samples after row `i` climb on and stay up: above half the threshold for CONFIRM_SECONDS and
 * CONFIRM_SAMPLES, higher than row `i` by `noise` in that time, and reaching MIN_CLIMB.
 */
function confirmClimb(times: ArrayLike<number>, h: Float64Array, i: number, low: number, threshold: number, noise: number): number | null {
  let samples = 0;
  let peak = h[i]!;
  for (let j = i; j < h.length; j++) {
    const v = h[j]!;
    if (!Number.isFinite(v)) continue;
    if (v - low < threshold / 2) return null;
    samples++;
    peak = Math.max(peak, v);
    if (samples >= CONFIRM_SAMPLES && times[j]! - times[i]! >= CONFIRM_SECONDS) {
      if (peak < h[i]! + noise) return null;
      // Confirmed as up; it is a climb once it reaches MIN_CLIMB while it stays up.
      for (let k = j; k < h.length && peak - low < MIN_CLIMB; k++) {
        const w = h[k]!;
        if (!Number.isFinite(w)) continue;
        if (w - low < threshold / 2) return null;
        peak = Math.max(peak, w);
      }
      return peak - low >= MIN_CLIMB ? i : null;
    }
  }
  return null;
}

/** The pad's level: the median of the PAD_WINDOW seconds of heights before the climb's start. */
function padLevelBefore(times: ArrayLike<number>, h: Float64Array, start: number, from: number): number {
  const values: number[] = [];
  for (let j = start - 1; j >= from && times[start]! - times[j]! <= PAD_WINDOW; j--) if (Number.isFinite(h[j]!)) values.push(h[j]!);
  if (values.length === 0) return h[start]!;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** From the liftoff on: the apogee, the rest that ends the flight, or the recording's end and what it was doing. */
function follow(times: ArrayLike<number>, h: Float64Array, believed: Float64Array, startRow: number, liftoff: FoundFlight['liftoff'], padLevel: number, noise: number): FoundFlight {
  const n = h.length;
  let peakRow = -1;
  let peak = -Infinity;
  let end = n - 1;
  let landing: FoundFlight['landing'] = null;
  const still = 2 * noise + 1;
  for (let i = startRow + 1; i < n; i++) {
    const b = believed[i]!;
    if (Number.isFinite(b) && b > peak) {
      peak = b;
      peakRow = i;
    }
    const v = h[i]!;
    if (!Number.isFinite(v) || peakRow < 0) continue;
    // A rest only counts well below the peak (a drone hovering before a drop is not a landing).
    const climb = peak - padLevel;
    if (v - padLevel > climb / 2 || peak - v < Math.max(climb / 3, 2 * noise)) continue;
    const rest = restFrom(times, h, i, still);
    if (rest) {
      landing = { row: i, at: times[i]!, height: v - padLevel };
      end = rest;
      break;
    }
  }
  const climb = peakRow < 0 ? 0 : peak - padLevel;
  const lastRow = lastValid(h, end, startRow);
  const lastHeight = h[lastRow]! - padLevel;
  const fell = peakRow >= 0 && climb - lastHeight >= Math.max(2 * noise, Math.min(climb / 3, 30));
  let truncated: FoundFlight['truncated'] = null;
  if (!landing) {
    const speed = endSpeed(times, h, lastRow);
    // Down to the pad's level and still falling: the recording ends at the touchdown.
    if (fell && lastHeight <= Math.max(2 * noise, 10) && speed < 0) landing = { row: lastRow, at: times[lastRow]!, height: lastHeight };
    else truncated = { phase: fell ? 'descent' : 'ascent', at: times[lastRow]!, height: lastHeight, speed };
  }
  const apogee = fell || landing ? { row: peakRow, at: times[peakRow]!, height: climb } : null;
  return { padLevel, liftoff, start: startRow, apogee, landing, climb, end, truncated };
}

/** The last row of a rest starting at `i` (the heights within `still` m for REST_SECONDS), or null. */
function restFrom(times: ArrayLike<number>, h: Float64Array, i: number, still: number): number | null {
  let low = h[i]!;
  let high = low;
  let samples = 0;
  let last = i;
  for (let j = i; j < h.length; j++) {
    const v = h[j]!;
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
    if (high - low > still) return null;
    samples++;
    last = j;
    if (times[j]! - times[i]! >= REST_SECONDS && samples >= 3) return Math.abs(slopeBetween(times, h, i, j)) <= REST_SPEED ? j : null;
  }
  // The recording ends at rest: a landing when it rested long enough to tell (3 samples, 2 s).
  return samples >= 3 && times[last]! - times[i]! >= 2 && Math.abs(slopeBetween(times, h, i, last)) <= REST_SPEED ? last : null;
}

/** m/s: the least-squares slope of the last END_WINDOW seconds of heights before `row`. */
function endSpeed(times: ArrayLike<number>, h: Float64Array, row: number): number {
  return slopeOver(times, h, row, END_WINDOW) ?? 0;
}

/** m/s: the least-squares slope of the heights from row `a` to row `b`, 0 with fewer than two. */
function slopeBetween(times: ArrayLike<number>, h: Float64Array, a: number, b: number): number {
  return slopeOver(times, h, b, times[b]! - times[a]!) ?? 0;
}

function validBetween(h: Float64Array, a: number, b: number): number {
  let n = 0;
  for (let j = a; j <= b; j++) if (Number.isFinite(h[j]!)) n++;
  return n;
}

function nextValid(h: Float64Array, i: number, n: number): number {
  for (let j = i + 1; j < n; j++) if (Number.isFinite(h[j]!)) return j;
  return -1;
}

function lastValid(h: Float64Array, end: number, from: number): number {
  for (let j = end; j > from; j--) if (Number.isFinite(h[j]!)) return j;
  return from;
}
