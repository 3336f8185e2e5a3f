/** A step of MISSION_TIME the replay can follow: forward, and not more than this. Anything else is replaced. */
export const MAX_STEP_S = 60;

/** Whether a step between two rows' mission times is one the replay follows. */
const followed = (step: number) => step > 0 && step <= MAX_STEP_S;

/**
 * Replay times (ms from the first row) of rows whose MISSION_TIME (seconds of the day, null when unreadable) may
 * stick (a clock never set: 0:0:0 on every row), go back (a processor reset) or jump (an ST command, a power cycle:
 * 11 hours of dead air): each such step, and each row without a time, becomes the file's usual step (the median of
 * the steps followed; 1 s without any). Rows keep their order.
 */
export function replayTimes(given: readonly (number | null)[]): { times: number[]; base: string } {
  const seconds = spreadWholeSeconds(given);
  const steps: number[] = [];
  for (let i = 1; i < seconds.length; i++) {
    const a = seconds[i - 1];
    const b = seconds[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined && followed(b - a)) steps.push(b - a);
  }
  steps.sort((a, b) => a - b);
  const usual = steps.length > 0 ? steps[Math.floor(steps.length / 2)]! : 1;
  const times: number[] = [];
  let replaced = 0;
  let at = 0;
  for (let i = 0; i < seconds.length; i++) {
    if (i > 0) {
      const a = seconds[i - 1];
      const b = seconds[i];
      const step = a !== null && a !== undefined && b !== null && b !== undefined ? b - a : Number.NaN;
      if (followed(step)) {
        at += step * 1000;
      } else {
        at += usual * 1000;
        replaced++;
      }
    }
    times.push(at);
  }
  return { times, base: timeBaseText(seconds.length, replaced, usual) };
}

/** Rows a second a clock of whole seconds is taken to be shared by (beyond: a clock that stuck). */
const MAX_ROWS_A_SECOND = 100;

/**
 * A clock of whole seconds (the guide's hh:mm:ss) at more than one row a second repeats each second: the rows of a
 * second are spread evenly over it, so a 10 Hz log plays at its own pace. A run that nothing follows one second on
 * (a clock that stuck, the log's last second) is spread like the runs before it, or left alone.
 */
function spreadWholeSeconds(seconds: readonly (number | null)[]): readonly (number | null)[] {
  let out: (number | null)[] | null = null;
  let spacing: number | null = null;
  for (let i = 0; i < seconds.length; ) {
    const t = seconds[i];
    let j = i + 1;
    while (j < seconds.length && t !== null && t !== undefined && seconds[j] === t) j++;
    const run = j - i;
    const next = seconds[j];
    if (run > 1 && run <= MAX_ROWS_A_SECOND && t !== null && t !== undefined && Number.isInteger(t)) {
      const step: number | null = next !== null && next !== undefined && next - t === 1 ? 1 / run : j === seconds.length ? spacing : null;
      if (step !== null) {
        out ??= [...seconds];
        for (let k = 1; k < run; k++) out[i + k] = t + k * step;
        spacing = step;
      }
    }
    i = j;
  }
  return out ?? seconds;
}

/** What a replay's clock follows, said for a person: the mission time, or the rows' order. */
export function timeBaseText(rows: number, replaced: number, usual: number): string {
  const every = `one row every ${Number(usual.toFixed(3))} s`;
  if (rows > 1 && replaced > 0.2 * (rows - 1)) return `packet order (MISSION_TIME sticks, goes back or jumps at ${replaced} of ${rows - 1} steps: ${every})`;
  if (replaced > 0) return `mission time (${replaced} steps that stick, go back or jump over ${MAX_STEP_S} s replaced by ${every})`;
  return 'mission time';
}

/** The same judgement as replayTimes, kept as rows stream past (the usual step estimated from the first 1000). */
export class TimeBaseCounter {
  private previous: number | null = null;
  private rows = 0;
  private replaced = 0;
  private readonly early: number[] = [];

  add(seconds: number | null): void {
    if (this.rows > 0) {
      const step = this.previous !== null && seconds !== null ? seconds - this.previous : Number.NaN;
      if (followed(step)) {
        if (this.early.length < 1000) this.early.push(step);
      } else {
        this.replaced++;
      }
    }
    this.previous = seconds;
    this.rows++;
  }

  get text(): string {
    const sorted = [...this.early].sort((a, b) => a - b);
    return timeBaseText(this.rows, this.replaced, sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 1);
  }
}
