import type { ReplayStatus } from '@cansat/protocol/station';
import type { Recording } from './recording.ts';

/** What the engine needs from the outside: where chunks go, and a fresh start for a seek backwards. */
export interface ReplaySink {
  chunk(bytes: Uint8Array, at: number): void;
  /** Forget everything fed so far (seeking backwards replays from the start). */
  restart(): void;
  status(status: ReplayStatus): void;
}

/**
 * Plays a recording's chunks in their recorded rhythm, `speed` times faster (0.25× to 64×), or as fast as
 * possible (speed 0); pause, single step, and seek (which replays everything before the target at once).
 */
export class ReplayEngine {
  private next = 0;
  private position = 0;
  private playing = false;
  private timer: NodeJS.Timeout | null = null;
  /** Wall time when `position` was reached while playing. */
  private anchor = { wall: 0, position: 0 };

  constructor(
    private readonly recording: Recording,
    private readonly sink: ReplaySink,
    private speed = 1,
  ) {}

  get status(): ReplayStatus {
    return { source: '', recordings: [], playing: this.playing, speed: this.speed, position: this.position, duration: this.recording.duration, finished: this.next >= this.recording.chunks.length };
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.anchor = { wall: performance.now(), position: this.position };
    this.report();
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.cancel();
    this.report();
  }

  /** Feeds the next chunk and pauses. */
  step(): void {
    this.pause();
    this.feed(this.next);
    this.report();
  }

  /** 0.25 to 64, or 0 for as fast as possible. */
  setSpeed(speed: number): void {
    if (!(speed === 0 || (speed >= 0.25 && speed <= 64))) throw new RangeError(`speed must be from 0.25 to 64, or 0; not ${speed}`);
    this.speed = speed;
    this.anchor = { wall: performance.now(), position: this.position };
    this.report();
    if (this.playing) {
      this.cancel();
      this.schedule();
    }
  }

  /** Moves to `position` ms: backwards replays from the start at once, forwards feeds what lies between. */
  seek(position: number): void {
    const target = Math.max(0, Math.min(position, this.recording.duration));
    if (target < this.position) {
      this.sink.restart();
      this.next = 0;
    }
    const chunks = this.recording.chunks;
    while (this.next < chunks.length && chunks[this.next]!.receivedAt <= target) this.feed(this.next);
    this.position = target;
    this.anchor = { wall: performance.now(), position: target };
    this.report();
    if (this.playing) {
      this.cancel();
      this.schedule();
    }
  }

  /** Feeds everything left at once. */
  finish(): void {
    while (this.next < this.recording.chunks.length) this.feed(this.next);
    this.report();
  }

  private feed(index: number): void {
    const chunk = this.recording.chunks[index];
    if (!chunk) return;
    this.sink.chunk(chunk.bytes, chunk.receivedAt);
    this.next = index + 1;
    this.position = chunk.receivedAt;
  }

  private schedule(): void {
    const chunks = this.recording.chunks;
    if (!this.playing) return;
    if (this.next >= chunks.length) {
      this.playing = false;
      this.report();
      return;
    }
    if (this.speed === 0) {
      // As fast as possible, in slices, so the server still answers in between.
      const until = Math.min(chunks.length, this.next + 2000);
      while (this.next < until) this.feed(this.next);
      this.timer = setTimeout(() => this.schedule(), 0);
      if (this.next % 20_000 < 2000) this.report();
      return;
    }
    const due = chunks[this.next]!.receivedAt;
    const elapsed = (performance.now() - this.anchor.wall) * this.speed;
    const wait = (due - this.anchor.position - elapsed) / this.speed;
    this.timer = setTimeout(() => {
      const now = this.anchor.position + (performance.now() - this.anchor.wall) * this.speed;
      while (this.next < chunks.length && chunks[this.next]!.receivedAt <= now) this.feed(this.next);
      this.report();
      this.schedule();
    }, Math.max(0, wait));
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private report(): void {
    this.sink.status(this.status);
  }

  close(): void {
    this.playing = false;
    this.cancel();
  }
}
