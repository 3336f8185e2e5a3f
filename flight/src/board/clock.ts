/** A handle to stop a timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time for the flight program, in ms. On the CanSat it is the system clock; a simulator can hand over its own
 * (virtual, or scaled) clock so that the same program flies on simulated time.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  setInterval(callback: () => void, periodMs: number): TimerHandle;
}

/** The system clock and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
  setInterval(callback, periodMs) {
    const timer = setInterval(callback, periodMs);
    return { cancel: () => clearInterval(timer) };
  },
};
