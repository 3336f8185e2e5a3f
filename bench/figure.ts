/** One measured figure of `npm run bench`. */
export interface Figure {
  /** JSON key, e.g. `protocol.decodePerSec`. */
  key: string;
  value: number;
  unit: string;
  /** The target, as text (`>= 1000000`), if the figure has one. */
  target?: { op: '>=' | '<=' | '<' | '>'; value: number };
  /** How it was measured, in a few words. */
  note: string;
}

/** Options every benchmark takes. */
export interface BenchOptions {
  /** A tiny run that only proves the benchmark works (used by the test suite); its figures mean nothing. */
  quick: boolean;
}

/** Median of several runs (machines here are shared and noisy). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `body(count)` `runs` times and returns the median rate, in operations per second. */
export function medianRate(runs: number, count: number, body: (count: number) => void): number {
  const rates: number[] = [];
  body(Math.min(count, 1000)); // warm-up so the JIT has compiled the hot path
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    body(count);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(count / seconds);
  }
  return median(rates);
}

/** Whether a figure meets its target (true when it has none). */
export function meetsTarget(figure: Figure): boolean {
  if (!figure.target) return true;
  const { op, value } = figure.target;
  return op === '>=' ? figure.value >= value : op === '<=' ? figure.value <= value : op === '<' ? figure.value < value : figure.value > value;
}
