/** Series for a chart, one array per series, null where there is a gap. */
export type ChartSeries = (number | null)[];

/**
 * Min/max decimation for drawing: a chart cannot show more than a value or two per pixel column, so `x` and its
 * series are cut into `buckets` runs of rows and each run becomes two points, its lowest and highest value in the
 * order they came. Two hours at 10 Hz (72,000 rows) become about 2 × `buckets` points that draw the same lines with
 * every peak kept, at a fraction of the cost. A run with no value at all is a gap. `x` must not decrease.
 */
export function decimate(x: Float64Array, series: readonly Float64Array[], buckets: number): { x: number[]; series: ChartSeries[] } {
  const size = Math.max(1, Math.ceil(x.length / Math.max(1, Math.floor(buckets))));
  const outX: number[] = [];
  for (let start = 0; start < x.length; start += size) outX.push(x[start]!, x[Math.min(x.length, start + size) - 1]!);
  const outSeries = series.map((values) => {
    const out: ChartSeries = [];
    for (let start = 0; start < values.length; start += size) {
      const end = Math.min(values.length, start + size);
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      let minAt = -1;
      let maxAt = -1;
      // NaN (no value) fails both comparisons, so it is passed over.
      for (let i = start; i < end; i++) {
        const v = values[i]!;
        if (v < min) {
          min = v;
          minAt = i;
        }
        if (v > max) {
          max = v;
          maxAt = i;
        }
      }
      if (minAt < 0) out.push(null, null);
      else if (minAt <= maxAt) out.push(min, max);
      else out.push(max, min);
    }
    return out;
  });
  return { x: outX, series: outSeries };
}

/** The rows of `x` (not decreasing) from the first at or after `min` to the last at or before `max`: [from, to). */
export function rowsBetween(x: Float64Array, min: number, max: number): [number, number] {
  const firstAtLeast = (value: number, strictlyAbove: boolean) => {
    let lo = 0;
    let hi = x.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x[mid]! < value || (strictlyAbove && x[mid]! === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [firstAtLeast(min, false), firstAtLeast(max, true)];
}
