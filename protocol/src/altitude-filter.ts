/** Options of AltitudeFilter; every constant is in seconds or per second, never per sample. */
export interface AltitudeFilterOptions {
  /** s: time constant of the altitude smoothing; default 0.1 (at 1 Hz and slower a sample is taken as it is). */
  altitudeTau?: number;
  /** s: time constant of the speed smoothing; default 0.25. */
  speedTau?: number;
  /** m: a sample this close to the prediction is never doubted (sensor noise); default 10. */
  gateFloor?: number;
  /** m/s: a sample implying a speed change beyond this since the last one is a glitch; default 300 (no CanSat rocket is faster). */
  maxSpeedChange?: number;
  /**
   * m/s²: a sample that departs from the prediction by more than this acceleration would is doubted until the next
   * one agrees; default 30 (3 g: more than a coasting or descending CanSat ever changes speed by).
   */
  trustAcceleration?: number;
}

/** The filter's estimate after a sample. */
export interface AltitudeEstimate {
  /** m */
  altitude: number;
  /** m/s, up positive */
  speed: number;
  /** false when the sample was thrown away as a glitch (the estimate is the prediction) */
  accepted: boolean;
  /** true when the sample was taken but is doubted: the next sample may show it was a glitch and undo it */
  doubtful: boolean;
  /**
   * m: the highest altitude this sample confirms (its own when it is not doubted, and the doubted one before it
   * when it bore that one out), or null: what a peak may be raised to.
   */
  believed: number | null;
  /** s since the sample before (0 for the first) */
  interval: number;
}

interface Track {
  t: number;
  altitude: number;
  speed: number;
}

const DEFAULTS: Required<AltitudeFilterOptions> = { altitudeTau: 0.1, speedTau: 0.25, gateFloor: 10, maxSpeedChange: 300, trustAcceleration: 30 };

/**
 * An alpha-beta filter on altitude and vertical speed whose gains and gates come from the real time between
 * samples, so it tracks the same flight at 1 Hz (the judges' SIMP files) and at 20 Hz (the barometer), with jitter
 * and missing samples. A glitch is judged by what it implies:
 * - a speed change no rocket makes (beyond `maxSpeedChange`) is thrown away at once; two such samples in a row
 *   that agree with each other are a real jump, and the filter starts again from the second;
 * - a departure beyond what `trustAcceleration` explains (a launch, or a smaller spike) is taken but doubted; if the
 *   next sample is better explained by the estimate from before it, it was a one-sample spike: it is undone, so it
 *   never poisons the speed. The mission never acts on one doubted sample alone.
 * Pure: time comes in with each sample.
 */
export class AltitudeFilter {
  private readonly options: Required<AltitudeFilterOptions>;
  private track: Track | null = null;
  /** The track before a doubtful sample, to go back to if the next sample disowns it. */
  private beforeDoubt: Track | null = null;
  /** The last sample thrown away, to recognise a real jump when the next one agrees with it. */
  private lastRejected: { t: number; altitude: number } | null = null;
  /** Samples thrown away or undone as glitches. */
  rejected = 0;

  constructor(options: AltitudeFilterOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    for (const [name, value] of Object.entries(this.options)) {
      if (!(value > 0)) throw new TypeError(`AltitudeFilter: "${name}" must be a positive number`);
    }
  }

  /** The last estimate, or null before the first sample. */
  get estimate(): { altitude: number; speed: number } | null {
    return this.track && { altitude: this.track.altitude, speed: this.track.speed };
  }

  /** Feeds one sample of `altitude` m taken at `t` seconds. */
  update(t: number, altitude: number): AltitudeEstimate {
    const o = this.options;
    if (this.track === null || !Number.isFinite(this.track.altitude)) return this.restart(t, altitude, 0, 0);
    const interval = Math.max(0, t - this.track.t);
    let borneOut: number | null = null;
    if (this.beforeDoubt !== null) {
      // The doubtful sample before this one: keep it only if it explains this sample at least as well.
      if (Math.abs(altitude - predict(this.beforeDoubt, t)) < Math.abs(altitude - predict(this.track, t))) {
        this.track = this.beforeDoubt;
        this.rejected++;
      } else {
        borneOut = this.track.altitude;
      }
      this.beforeDoubt = null;
    }
    const track = this.track;
    const dt = Math.max(1e-3, t - track.t);
    const predicted = predict(track, t);
    const innovation = altitude - predicted;

    /** m a sample may move in `seconds` before the speed change it implies is one no rocket makes. */
    const possible = (seconds: number) => Math.max(o.gateFloor, o.maxSpeedChange * seconds);
    if (Math.abs(innovation) > possible(dt)) {
      const previous = this.lastRejected;
      this.lastRejected = { t, altitude };
      // Two glitches in a row that agree with each other are the world, not the sensor: start again from this one.
      if (previous !== null && t > previous.t && Math.abs(altitude - previous.altitude) <= possible(t - previous.t)) {
        this.lastRejected = null;
        return this.restart(t, altitude, (altitude - previous.altitude) / (t - previous.t), interval);
      }
      this.rejected++;
      this.track = { t, altitude: predicted, speed: track.speed };
      return { altitude: predicted, speed: track.speed, accepted: false, doubtful: false, believed: null, interval };
    }
    this.lastRejected = null;
    const doubtful = Math.abs(innovation) > Math.max(o.gateFloor, (o.trustAcceleration * dt * dt) / 2);
    if (doubtful) this.beforeDoubt = track;
    const alpha = 1 - Math.exp(-dt / o.altitudeTau);
    const beta = 1 - Math.exp(-dt / o.speedTau);
    this.track = { t, altitude: predicted + alpha * innovation, speed: track.speed + (beta * innovation) / dt };
    const believed = doubtful ? borneOut : Math.max(this.track.altitude, borneOut ?? -Infinity);
    return { altitude: this.track.altitude, speed: this.track.speed, accepted: true, doubtful, believed, interval };
  }

  /** Forgets everything (the pressure source changed: CAL, simulation mode). */
  reset(): void {
    this.track = null;
    this.beforeDoubt = null;
    this.lastRejected = null;
  }

  private restart(t: number, altitude: number, speed: number, interval: number): AltitudeEstimate {
    this.track = { t, altitude, speed };
    this.beforeDoubt = null;
    return { altitude, speed, accepted: true, doubtful: false, believed: altitude, interval };
  }
}

function predict(track: Track, t: number): number {
  return track.altitude + track.speed * Math.max(0, t - track.t);
}
