/**
 * Vertical speed, m/s: the least-squares slope of altitude against mission time over the last `windowMs` of
 * telemetry. A slope over a couple of seconds rather than the last two rows: at 10 Hz one row's barometer noise
 * (±0.5 m) would otherwise swing the figure by ±5 m/s. Null without two altitudes in the window.
 */
export function verticalSpeed(missionTimes: Float64Array, altitudes: Float64Array, windowMs = 2000): number | null {
  const last = missionTimes.length - 1;
  if (last < 1) return null;
  const end = missionTimes[last]!;
  let n = 0;
  let sumT = 0;
  let sumA = 0;
  let sumTT = 0;
  let sumTA = 0;
  for (let i = last; i >= 0; i--) {
    const t = missionTimes[i]!;
    // A reset or a gap in the clock ends the window: the slope is of one stretch of flight.
    if (!(t <= end) || end - t > windowMs) break;
    const a = altitudes[i]!;
    if (Number.isNaN(a)) continue;
    const s = (t - end) / 1000;
    n++;
    sumT += s;
    sumA += a;
    sumTT += s * s;
    sumTA += s * a;
  }
  const spread = n * sumTT - sumT * sumT;
  if (n < 2 || spread <= 0) return null;
  return (n * sumTA - sumT * sumA) / spread;
}
