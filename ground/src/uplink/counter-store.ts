import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@cansat/protocol/node';

/**
 * The ground's command counter. The CanSat refuses any counter not above the last it obeyed, so the ground must
 * never go back, even after a restart or on a new laptop: it continues from its saved counter or from the Unix
 * time in seconds, whichever is higher (a fresh station is then above anything sent the day before).
 */
export class CounterStore {
  private last: number;

  constructor(
    readonly path: string,
    now = () => Date.now(),
  ) {
    let saved = 0;
    try {
      saved = Number(readFileSync(path, 'utf8').trim()) || 0;
    } catch {
      // No file yet: the clock decides.
    }
    this.last = Math.max(saved, Math.floor(now() / 1000));
  }

  /** The next counter, saved before it is used. */
  next(): number {
    this.last = Math.min(this.last + 1, 0xffff_ffff);
    writeFileAtomic(this.path, `${this.last}\n`);
    return this.last;
  }
}
