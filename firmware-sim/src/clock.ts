/** A handle to cancel a timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the simulation sees it, in milliseconds since the simulation started. Everything in firmware-sim that
 * happens "later" goes through a clock, so the same code runs far faster than real time on a VirtualClock (tests)
 * or paced by a RealClock (a live flight program attached).
 */
export interface SimClock {
  now(): number;
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Calls `callback` every `periodMs`, first `periodMs` from now. */
  setInterval(callback: () => void, periodMs: number): TimerHandle;
}

interface Timer {
  at: number;
  seq: number;
  period: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to: `advance` runs every timer due, in time order, as fast as the CPU allows. */
export class VirtualClock implements SimClock {
  private time = 0;
  private seq = 0;
  private readonly queue: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.add(callback, delayMs, 0);
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`"periodMs" must be positive, not ${periodMs}`);
    return this.add(callback, periodMs, periodMs);
  }

  /** Runs the timers due in the next `ms` milliseconds and leaves the clock `ms` later. */
  advance(ms: number): void {
    this.runUntil(this.time + ms);
  }

  /** Runs every timer due up to time `end`, then sets the clock to `end`. */
  runUntil(end: number): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.at > end) break;
      this.pop();
      if (next.cancelled) continue;
      this.time = next.at;
      if (next.period > 0) {
        next.at += next.period;
        next.seq = this.seq++;
        this.push(next);
      }
      next.callback();
    }
    this.time = Math.max(this.time, end);
  }

  private add(callback: () => void, delayMs: number, period: number): TimerHandle {
    const timer: Timer = { at: this.time + Math.max(0, delayMs), seq: this.seq++, period, callback, cancelled: false };
    this.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  // A binary heap ordered by (at, seq): timers due at the same moment run in the order they were set.
  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const q = this.queue;
    q.push(timer);
    for (let i = q.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(q[i]!, q[parent]!)) break;
      [q[i], q[parent]] = [q[parent]!, q[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const q = this.queue;
    const last = q.pop()!;
    if (q.length === 0) return;
    q[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < q.length && this.before(q[left]!, q[smallest]!)) smallest = left;
      if (right < q.length && this.before(q[right]!, q[smallest]!)) smallest = right;
      if (smallest === i) break;
      [q[i], q[smallest]] = [q[smallest]!, q[i]!];
      i = smallest;
    }
  }
}

/** Real time, from when the clock was made; timers are Node's (unref'd, so they never keep a process alive alone). */
export class RealClock implements SimClock {
  private readonly start = performance.now();

  now(): number {
    return performance.now() - this.start;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    const timer = setInterval(callback, periodMs);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}
