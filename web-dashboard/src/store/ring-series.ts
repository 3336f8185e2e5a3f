/**
 * A fixed-capacity series of numbers for charts: the newest `capacity` values, oldest first, always readable as one
 * contiguous Float64Array without copying (each value is written twice, at i and i + capacity, so the window never
 * wraps). Absent values are NaN inside and null when handed to uPlot, which draws them as gaps.
 */
export class RingSeries {
  private readonly buffer: Float64Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`"capacity" must be a positive integer, not ${capacity}`);
    this.buffer = new Float64Array(capacity * 2);
  }

  get length(): number {
    return this.size;
  }

  push(value: number | null): void {
    const v = value === null || !Number.isFinite(value) ? Number.NaN : value;
    this.buffer[this.next] = v;
    this.buffer[this.next + this.capacity] = v;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /**
   * Replaces the contents with `values` (the newest `capacity` of them; numbers or NaN) in one copy: a catch-up.
   * The mirror half needs no copy: the view reaches into it only where pushes made after the load have written.
   */
  load(values: Float64Array): void {
    const newest = values.subarray(Math.max(0, values.length - this.capacity));
    this.buffer.set(newest, 0);
    this.size = newest.length;
    this.next = this.size % this.capacity;
  }

  clear(): void {
    this.next = 0;
    this.size = 0;
  }

  /** The values, oldest first, as a view (valid until the next push). */
  values(): Float64Array {
    const start = this.size < this.capacity ? 0 : this.next;
    return this.buffer.subarray(start, start + this.size);
  }

  /** Values `from` to `to` (oldest first) for uPlot: the view itself, or a copy with null for each gap if it has any. */
  forChart(from = 0, to = this.size): Float64Array | (number | null)[] {
    const view = this.values().subarray(from, to);
    if (!view.some(Number.isNaN)) return view;
    return Array.from(view, (v) => (Number.isNaN(v) ? null : v));
  }

  /** The newest value, or null. */
  last(): number | null {
    if (this.size === 0) return null;
    const v = this.buffer[(this.next - 1 + this.capacity) % this.capacity]!;
    return Number.isNaN(v) ? null : v;
  }
}
