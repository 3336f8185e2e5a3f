/** Yellow and red bounds of one field; either side may be open. */
export interface Limits {
  yellow?: { min?: number; max?: number };
  red?: { min?: number; max?: number };
}

export type AlarmLevel = 'ok' | 'yellow' | 'red';

const outside = (value: number, bounds?: { min?: number; max?: number }) => bounds !== undefined && ((bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max));

/**
 * A field's alarm: it fires only after `persistence` samples in a row are beyond a bound (one glitch never
 * alarms the crew), and clears after as many inside. Replayed data never reaches it.
 */
export class Alarm {
  private streak = 0;
  private pending: AlarmLevel = 'ok';
  level: AlarmLevel = 'ok';

  constructor(
    readonly field: string,
    readonly limits: Limits,
    readonly persistence = 3,
  ) {}

  /** Feeds one sample; returns the level after it. Absent samples change nothing. */
  update(value: number | null): AlarmLevel {
    if (value === null) return this.level;
    const now: AlarmLevel = outside(value, this.limits.red) ? 'red' : outside(value, this.limits.yellow) ? 'yellow' : 'ok';
    if (now === this.level) {
      this.streak = 0;
      this.pending = now;
      return this.level;
    }
    this.streak = now === this.pending ? this.streak + 1 : 1;
    this.pending = now;
    if (this.streak >= this.persistence) {
      this.level = now;
      this.streak = 0;
    }
    return this.level;
  }
}

/** Default limits for a CanSat on a 2S battery; a team can change them in the dashboard's settings. */
export const DEFAULT_LIMITS: Record<string, Limits> = {
  voltage: { yellow: { min: 7.0 }, red: { min: 6.6 } },
  current: { yellow: { max: 1.5 }, red: { max: 2.5 } },
  temperature: { yellow: { min: -10, max: 50 }, red: { min: -20, max: 60 } },
  gpsSats: { yellow: { min: 5 }, red: { min: 3 } },
};
