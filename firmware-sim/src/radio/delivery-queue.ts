import type { SimClock, TimerHandle } from '../clock.ts';
import type { Delivery } from './link-impairment.ts';

/**
 * Hands over a link's deliveries in the order they were planned, whatever the timers' jitter. A timer per
 * delivery can fire out of order on a busy machine (each measures its delay from a slightly different "now"); a
 * radio never reorders bytes, so there is one timer, for the oldest delivery, and each fires what is due in turn.
 */
export class DeliveryQueue {
  private readonly queue: Delivery[] = [];
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly clock: SimClock,
    private readonly deliver: (bytes: Uint8Array) => void,
  ) {}

  add(deliveries: readonly Delivery[]): void {
    if (this.closed) return;
    this.queue.push(...deliveries);
    if (this.timer === null) this.arm();
  }

  /** Drops what is still on its way. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.queue.length = 0;
  }

  private arm(): void {
    const head = this.queue[0];
    if (head === undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      // The head's own timer: it is due, and so is whatever is due by now behind it.
      const now = this.clock.now();
      do this.deliver(this.queue.shift()!.bytes);
      while (this.queue.length > 0 && this.queue[0]!.deliverAt <= now);
      this.arm();
    }, Math.max(0, head.deliverAt - this.clock.now()));
  }
}
