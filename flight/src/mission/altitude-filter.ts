/** Options of AltitudeFilter. */
export interface AltitudeFilterOptions {
  /** Weight of a new altitude sample; default 0.5. */
  alpha?: number;
  /** Weight of a new sample on the speed; default 0.15. */
  beta?: number;
  /** A sample further than this from the prediction is a glitch, m; default 40 … */
  gate?: number;
  /** … or this many metres per second since the last sample, whichever is more (slow sample rates); default 200. */
  gatePerSecond?: number;
  /** After this many glitches in a row the samples are believed (a real jump, or the filter was wrong); default 5. */
  maxRejects?: number;
}

/** The filter's estimate after a sample. */
export interface AltitudeEstimate {
  /** m */
  altitude: number;
  /** m/s, up positive */
  speed: number;
  /** false when the sample was thrown away as a glitch (the estimate is the prediction) */
  accepted: boolean;
}

/**
 * An alpha-beta filter on altitude and vertical speed with a gate on the innovation: a single glitched barometer
 * sample (a spike of hundreds of metres) is thrown away and counted, while a rocket's real climb, which moves the
 * prediction by at most tens of metres between samples at 10 Hz, passes. Pure: time comes in with each sample.
 */
export class AltitudeFilter {
  private readonly alpha: number;
  private readonly beta: number;
  private readonly gate: number;
  private readonly gatePerSecond: number;
  private readonly maxRejects: number;
  private state: { t: number; altitude: number; speed: number } | null = null;
  private rejectsInRow = 0;
  /** Samples thrown away as glitches. */
  rejected = 0;

  constructor(options: AltitudeFilterOptions = {}) {
    this.alpha = options.alpha ?? 0.5;
    this.beta = options.beta ?? 0.15;
    this.gate = options.gate ?? 40;
    this.gatePerSecond = options.gatePerSecond ?? 200;
    this.maxRejects = options.maxRejects ?? 5;
  }

  /** The last estimate, or null before the first sample. */
  get estimate(): { altitude: number; speed: number } | null {
    return this.state && { altitude: this.state.altitude, speed: this.state.speed };
  }

  /** Feeds one sample taken at `t` seconds. */
  update(t: number, altitude: number): AltitudeEstimate {
    if (this.state === null || !Number.isFinite(this.state.altitude)) {
      this.state = { t, altitude, speed: 0 };
      return { altitude, speed: 0, accepted: true };
    }
    const dt = Math.max(1e-3, t - this.state.t);
    const predicted = this.state.altitude + this.state.speed * dt;
    const innovation = altitude - predicted;
    if (Math.abs(innovation) > Math.max(this.gate, this.gatePerSecond * dt) && this.rejectsInRow < this.maxRejects) {
      this.rejectsInRow++;
      this.rejected++;
      this.state = { t, altitude: predicted, speed: this.state.speed };
      return { altitude: predicted, speed: this.state.speed, accepted: false };
    }
    if (this.rejectsInRow >= this.maxRejects) {
      // Every recent sample disagreed: start again from the samples rather than trust a prediction gone stale.
      this.rejectsInRow = 0;
      this.state = { t, altitude, speed: 0 };
      return { altitude, speed: 0, accepted: true };
    }
    this.rejectsInRow = 0;
    const speed = this.state.speed + (this.beta / dt) * innovation;
    this.state = { t, altitude: predicted + this.alpha * innovation, speed };
    return { altitude: this.state.altitude, speed, accepted: true };
  }

  /** Forgets everything (the pressure source changed: CAL, simulation mode). */
  reset(): void {
    this.state = null;
    this.rejectsInRow = 0;
  }
}
