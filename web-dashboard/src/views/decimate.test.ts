import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimate, rowsBetween } from './decimate.ts';

describe('decimation for drawing', () => {
  it('keeps every run’s lowest and highest value, in the order they came, in about two points a bucket', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 2000 }), fc.integer({ min: 1, max: 300 }), (values, buckets) => {
        const x = Float64Array.from(values, (_, i) => i * 0.1);
        const y = Float64Array.from(values);
        const out = decimate(x, [y], buckets);
        const size = Math.ceil(values.length / buckets);
        const runs = Math.ceil(values.length / size);
        expect(out.x.length).toBe(2 * runs);
        expect(out.series[0]!.length).toBe(2 * runs);
        for (let r = 0; r < runs; r++) {
          const run = values.slice(r * size, (r + 1) * size).filter((v) => !Number.isNaN(v));
          const [a, b] = [out.series[0]![2 * r], out.series[0]![2 * r + 1]];
          expect(out.x[2 * r]).toBe(x[r * size]);
          if (run.length === 0) expect([a, b]).toEqual([null, null]);
          else {
            expect([a, b].sort((p, q) => p! - q!)).toEqual([Math.min(...run), Math.max(...run)]);
            // The lower one first exactly when it came first.
            const first = run.indexOf(Math.min(...run)) <= run.indexOf(Math.max(...run));
            expect(first ? a : b).toBe(Math.min(...run));
          }
        }
        expect(out.x.every((v, i) => i === 0 || v >= out.x[i - 1]!)).toBe(true);
      }),
    );
  });

  it('brings two hours at 10 Hz down to the chart’s width', () => {
    const x = Float64Array.from({ length: 72_000 }, (_, i) => i / 10);
    const y = Float64Array.from({ length: 72_000 }, (_, i) => Math.sin(i / 100) + (i === 40_000 ? 50 : 0));
    const out = decimate(x, [y, y], 800);
    expect(out.x.length).toBeLessThanOrEqual(1600);
    expect(Math.max(...(out.series[0] as number[]))).toBe(y[40_000]);
  });

  it('finds the rows in a time window', () => {
    const x = Float64Array.from([1, 2, 2, 3, 5, 8]);
    expect(rowsBetween(x, 2, 5)).toEqual([1, 5]);
    expect(rowsBetween(x, 0, 100)).toEqual([0, 6]);
    expect(rowsBetween(x, 6, 7)).toEqual([5, 5]);
    expect(rowsBetween(x, 9, 10)).toEqual([6, 6]);
  });
});
