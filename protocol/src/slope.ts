/**
 * The least-squares slope of `values` against `times` over the `window` (in the unit of `times`) that ends at row
 * `end`: a vertical speed from altitudes over a couple of seconds, rather than from the last two rows (at 10 Hz one
 * row's barometer noise, ±0.5 m, would swing it by ±5 m/s). Rows without a value (null or NaN) are passed over; a
 * row later than `end`'s (a clock that went back) ends the window. Null with fewer than two values in it.
 */
export function slopeOver(times: ArrayLike<number>, values: ArrayLike<number | null>, end: number, window: number): number | null {
  const last = times[end];
  if (last === undefined) return null;
  let n = 0;
  let sumT = 0;
  let sumV = 0;
  let sumTT = 0;
  let sumTV = 0;
  for (let i = end; i >= 0; i--) {
    const t = times[i]!;
    if (!(t <= last) || last - t > window) break;
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    const s = t - last;
    n++;
    sumT += s;
    sumV += v;
    sumTT += s * s;
    sumTV += s * v;
  }
  const spread = n * sumTT - sumT * sumT;
  return n < 2 || spread <= 0 ? null : (n * sumTV - sumT * sumV) / spread;
}
