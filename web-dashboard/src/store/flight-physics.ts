import { MISSION_STATES, reconstructFlight, type HeightSource, type ReconstructionRow } from '@cansat/protocol';
import type { TelemetryStore } from './telemetry-store.ts';

/** What the physics says of the flight so far: the states the pressure shows, and the apogee. */
export interface PhysicsView {
  source: HeightSource | null;
  /** Each state the physics shows, at the mission time (ms) of its row. */
  states: { state: string; missionTime: number }[];
  /** m above the pad, and the mission time (ms) of its row; null until the height has turned down. */
  apogee: { height: number; missionTime: number } | null;
  /** m above the pad of the newest row the physics could place, or null. */
  heightNow: number | null;
}

/** ms between two reconstructions: a whole flight's rows are read again each time, so not at every frame. */
const EVERY_MS = 1000;
/** A reconstruction takes at most this share of the page's time (two hours at 10 Hz take about 100 ms). */
const SHARE = 0.05;

/**
 * The flight reconstructed from its physics (@cansat/protocol's reconstructFlight, the report's own), from the rows
 * the page holds, at most once a second: a team's software that never left LAUNCH_PAD still gets a timeline.
 */
export class FlightPhysics {
  private version = -1;
  private nextAt = Number.NEGATIVE_INFINITY;
  private view: PhysicsView = { source: null, states: [], apogee: null, heightNow: null };

  constructor(private readonly now: () => number = () => performance.now()) {}

  of(store: TelemetryStore): PhysicsView {
    const started = this.now();
    if (store.version === this.version || started < this.nextAt) return this.view;
    this.version = store.version;
    const column = (name: string) => store.series.get(name)!.values();
    const [pressure, altitude, gpsAltitude, packetCount, missionTime] = ['pressure', 'altitude', 'gpsAltitude', 'packetCount', 'missionTime'].map(column) as Float64Array[];
    const states = store.text.get('state')!;
    const times = store.time.values();
    const value = (v: number) => (Number.isNaN(v) ? null : v);
    const rows: ReconstructionRow[] = Array.from(times, (_, i) => ({ pressure: value(pressure![i]!), altitude: value(altitude![i]!), gpsAltitude: value(gpsAltitude![i]!), packetCount: packetCount![i]!, missionTime: missionTime![i]!, state: states[i] ?? 'LAUNCH_PAD' }));
    const physics = reconstructFlight(rows, times);
    const flight = physics.main === null ? null : physics.flights[physics.main]!;
    this.view = {
      source: physics.source,
      states: physics.states.filter((s) => MISSION_STATES.includes(s.state)).map((s) => ({ state: s.state, missionTime: missionTime![s.row]! })),
      apogee: flight?.apogee ? { height: flight.apogee.height, missionTime: missionTime![flight.apogee.row]! } : null,
      heightNow: lastFinite(physics.height),
    };
    this.nextAt = started + Math.max(EVERY_MS, (this.now() - started) / SHARE);
    return this.view;
  }
}

function lastFinite(values: Float64Array): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i]!)) return values[i]!;
  return null;
}
