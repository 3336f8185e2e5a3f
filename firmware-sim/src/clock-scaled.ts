import type { SimClock, TimerHandle } from './clock.ts';

/**
 * Simulated time running `scale` times faster than the wall clock, from a wall-clock instant `epoch` (Date.now()
 * milliseconds). Two processes given the same epoch and scale agree on the time without talking, which is how a
 * flight program restarted after a reset finds the simulation where it left it.
 */
export class ScaledClock implements SimClock {
  constructor(
    readonly epoch: number,
    readonly scale = 1,
  ) {
    if (!(scale > 0)) throw new RangeError(`"scale" must be positive, not ${scale}`);
  }

  now(): number {
    return (Date.now() - this.epoch) * this.scale;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = setTimeout(callback, Math.max(0, delayMs / this.scale));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    const timer = setInterval(callback, Math.max(1, periodMs / this.scale));
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}
