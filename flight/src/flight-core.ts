import {
  AltitudeFilter,
  HEALTH_BITS,
  STANDARD_TEMPERATURE,
  altitudeAbove,
  type AltitudeReference,
  TELEMETRY_FIELDS,
  commandEcho,
  numberRange,
  type AckResult,
  type Command,
  type Device,
  type Event,
  type FieldSpec,
  type MissionState,
  type Subject,
  type Telemetry,
} from '@cansat/protocol';
import type { FlightConfig } from './config/flight-config.ts';
import { missionOnPad, stepMission, type MissionAction, type MissionInput, type MissionRules } from './mission/mission-state.ts';
import type { SensorReadings } from './sensors/sensors.ts';
import type { PersistedMission } from './storage/mission-store.ts';

/** Where the errors counted in telemetry's `faults` were caught. */
export const FAULT_KINDS = ['sensor', 'storage', 'radio', 'software'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds of packet the CanSat counts, each with a count of its own. */
export type PacketKind = 'telemetry' | 'event' | 'ack';

/** The readings a telemetry message carries: every field but the header, the state and the counters. */
type TelemetryReadings = Omit<Telemetry, 'type' | 'teamId' | 'packetCount' | 'missionTime' | 'mode' | 'state' | 'cmdEcho' | 'health' | 'faults' | 'rejects'>;

/** An event for the radio and the black box, before its header is filled in. */
export type EventBody = Pick<Event, 'event' | 'state' | 'subject' | 'value'>;

/** What a sensor tick or a command asks the program to do. */
export interface CoreOutput {
  actions: MissionAction[];
  events: EventBody[];
  /** The persisted state changed in a way worth saving at once. */
  save: boolean;
}

const SENSOR_SUBJECTS: [number, Subject][] = [
  [HEALTH_BITS.BAROMETER, 'BAROMETER'],
  [HEALTH_BITS.IMU, 'IMU'],
  [HEALTH_BITS.GPS, 'GPS'],
  [HEALTH_BITS.POWER, 'POWER'],
];

const DAY_MS = 86_400_000;
const BOOT_GRACE_MS = 3000;

/** A fresh persisted state for `teamId`, mission time starting at `now`. */
export function freshState(config: FlightConfig, now: number): PersistedMission {
  return {
    version: 2,
    teamId: config.teamId,
    packetCount: 0,
    eventCount: 0,
    ackCount: 0,
    timeBase: { missionTime: 0, clockAt: now, utc: false },
    reference: null,
    mission: missionOnPad(),
    mode: 'flight',
    simulation: 'off',
    telemetryOn: false,
    telemetryHz: config.telemetryHz,
    lastCommandCounter: 0,
    cmdEcho: null,
    outputs: {},
    resets: 0,
  };
}

/**
 * The flight program's logic without its I/O: it takes sensor readings and commands, keeps the mission and the
 * persisted state, and says what to actuate, which events to send and what telemetry holds. Time comes in as
 * arguments, so it runs the same on the system clock and a virtual one.
 */
export class FlightCore {
  readonly state: PersistedMission;
  /**
   * Errors caught at the program's boundaries, by where: sensor reads (drivers included), storage writes, radio
   * writes, and anything else a boundary caught (software). Telemetry's `faults` is their sum.
   */
  readonly faultCounts: Record<FaultKind, number> = { sensor: 0, storage: 0, radio: 0, software: 0 };
  /** Commands rejected (bad signature, replayed, invalid, refused), for telemetry. */
  rejects = 0;
  private readonly filter = new AltitudeFilter();
  private readonly rules: MissionRules;
  private readings: SensorReadings | null = null;
  private estimate: { altitude: number; speed: number } | null = null;
  private simPressure: number | null = null;
  private simReference: AltitudeReference | null = null;
  private lastGps: { at: number; time: number } | null = null;
  private failing = 0;
  /** The sensor failures already reported by an event. */
  private reportedFailing = 0;
  private bootedAt: number | null = null;
  private extraHealth = 0;

  constructor(
    readonly config: FlightConfig,
    state: PersistedMission,
  ) {
    this.state = state;
    this.rules = config.mission;
  }

  /** Every error caught at the program's boundaries: the sum of `faultCounts`. */
  get faults(): number {
    return FAULT_KINDS.reduce((sum, kind) => sum + this.faultCounts[kind], 0);
  }

  /** Counts one more error of `kind`. */
  countFault(kind: FaultKind): void {
    this.faultCounts[kind]++;
  }

  /** Takes the count of `kind` from the part that keeps it (the sensors, the radio): it never goes back. */
  tallyFaults(kind: FaultKind, total: number): void {
    this.faultCounts[kind] = Math.max(this.faultCounts[kind], total);
  }

  /** Packet `packetCount` of `kind` was used (logged, then sent): the next one counts on from it. */
  sent(kind: PacketKind, packetCount: number): void {
    if (kind === 'telemetry') this.state.packetCount = packetCount;
    else if (kind === 'event') this.state.eventCount = packetCount;
    else this.state.ackCount = packetCount;
  }

  /** The counter of the last command obeyed (or spent by an authentic but invalid one): older ones are replays. */
  commandCounter(counter: number): void {
    this.state.lastCommandCounter = counter;
  }

  /** Mission time at clock time `now`, ms: UTC time of day once set by ST, else time since the first power-on. */
  missionTime(now: number): number {
    const { missionTime, clockAt, utc } = this.state.timeBase;
    const t = missionTime + (now - clockAt);
    return utc ? ((t % DAY_MS) + DAY_MS) % DAY_MS : Math.max(0, t);
  }

  /** Health bits other than the sensors' (radio, storage), set by the I/O around the core. */
  setHealth(bit: number, failing: boolean): void {
    this.extraHealth = failing ? this.extraHealth | bit : this.extraHealth & ~bit;
  }

  /** The pressure the mission flies on: SIMP in activated simulation mode, the barometer otherwise. Never both. */
  private pressure(): number | null {
    return this.state.simulation === 'activated' ? this.simPressure : (this.readings?.pressure ?? null);
  }

  private reference(): AltitudeReference | null {
    return this.state.simulation === 'activated' ? this.simReference : this.state.reference;
  }

  /** One sensor tick at clock time `now`. */
  onReadings(readings: SensorReadings, now: number): CoreOutput {
    const events: EventBody[] = [];
    this.readings = readings;
    if (readings.gps !== null) this.lastGps = { at: now, time: readings.gps.time };
    // Chips take a moment to answer after power-on: sensor faults are reported from BOOT_GRACE_MS on.
    this.bootedAt ??= now;
    if (now - this.bootedAt >= BOOT_GRACE_MS) {
      for (const [bit, subject] of SENSOR_SUBJECTS) {
        const was = (this.reportedFailing & bit) !== 0;
        const is = (readings.failing & bit) !== 0;
        if (was !== is) events.push({ event: is ? 'FAULT' : 'FAULT_CLEARED', state: this.state.mission.state, subject, value: this.faults });
      }
      this.reportedFailing = readings.failing;
    }
    this.failing = readings.failing;

    const pressure = this.pressure();
    let save = false;
    // Without a CAL the first good pressure is the ground: better than no launch detection at all.
    if (pressure !== null && this.state.simulation !== 'activated' && this.state.reference === null) {
      this.state.reference = { pressure, temperature: (readings.temperature ?? 15) + 273.15 };
      save = true;
    }
    // In simulation mode the mission moves with each SIMP as it arrives (execute), not with the sensor ticks.
    const step = this.state.simulation === 'activated' ? { actions: [], events: [], save: false } : this.sample(pressure, now);
    return { actions: step.actions, events: [...events, ...step.events], save: save || step.save };
  }

  /** Feeds one pressure sample taken at clock time `now` to the filter and the mission. */
  private sample(pressure: number | null, now: number): CoreOutput {
    const reference = this.reference();
    const t = now / 1000;
    let input: MissionInput = { t, interval: 0, altitude: null, speed: null, trusted: false, believed: null };
    if (pressure !== null && reference !== null) {
      const e = this.filter.update(t, altitudeAbove(pressure, reference));
      this.estimate = { altitude: e.altitude, speed: e.speed };
      // A sample thrown away as a glitch is no sample for the mission: it neither makes nor breaks a condition.
      if (e.accepted) input = { t, interval: e.interval, altitude: e.altitude, speed: e.speed, trusted: !e.doubtful, believed: e.believed };
    }
    const before = this.state.mission.state;
    const step = stepMission(this.state.mission, input, this.rules);
    this.state.mission = step.mission;
    const events: EventBody[] = [];
    for (const state of step.entered) {
      events.push({ event: 'STATE_CHANGE', state, subject: 'MISSION', value: Math.round((this.estimate?.altitude ?? 0) * 10) });
    }
    for (const action of step.actions) {
      if (action.kind === 'actuate') events.push({ event: 'DEPLOYMENT', state: this.state.mission.state, subject: action.device, value: Math.round((this.estimate?.altitude ?? 0) * 10) });
      this.record(action);
    }
    return { actions: step.actions, events, save: this.state.mission.state !== before || step.actions.length > 0 };
  }

  private record(action: MissionAction): void {
    const device: Device = action.kind === 'beacon' ? 'BEACON' : action.device;
    this.state.outputs[device] = action.on;
  }

  /** Carries out a verified command at clock time `now`. */
  execute(command: Command, now: number): { result: AckResult } & CoreOutput {
    const out: CoreOutput = { actions: [], events: [], save: true };
    const refuse = () => {
      this.rejects++;
      return { result: 'REFUSED' as const, ...out, save: false };
    };
    const s = this.state;
    switch (command.name) {
      case 'CX':
        s.telemetryOn = command.on;
        break;
      case 'ST': {
        if (command.time === 'GPS') {
          if (this.lastGps === null || now - this.lastGps.at > 5000) return refuse();
          s.timeBase = { missionTime: this.lastGps.time * 1000 + (now - this.lastGps.at), clockAt: now, utc: true };
        } else {
          s.timeBase = { missionTime: command.time * 1000, clockAt: now, utc: true };
        }
        break;
      }
      case 'SIM':
        if (command.action === 'ENABLE') {
          if (s.simulation === 'off') s.simulation = 'enabled';
        } else if (command.action === 'ACTIVATE') {
          if (s.simulation === 'off') return refuse();
          s.simulation = 'activated';
          s.mode = 'simulation';
          this.simPressure = null;
          this.simReference = null;
          this.filter.reset();
        } else {
          s.simulation = 'off';
          s.mode = 'flight';
          this.simPressure = null;
          this.filter.reset();
        }
        break;
      case 'SIMP':
        if (s.simulation !== 'activated') return refuse();
        this.simPressure = command.pascals;
        // The first simulated pressure is the simulated ground, unless CAL sets another. The judges compute their
        // pressures from the standard atmosphere, so its temperature is the reference, not the air in the room.
        this.simReference ??= { pressure: command.pascals, temperature: STANDARD_TEMPERATURE };
        s.cmdEcho = commandEcho(command);
        // Each SIMP is a sample taken when it arrives: the mission moves with the judges' file, jitter and all.
        return { result: 'OK', ...this.sample(command.pascals, now), save: true };
      case 'CAL': {
        if (s.mission.state !== 'LAUNCH_PAD') return refuse();
        const pressure = this.pressure();
        if (pressure === null) return refuse();
        if (s.simulation === 'activated') this.simReference = { pressure, temperature: STANDARD_TEMPERATURE };
        else s.reference = { pressure, temperature: (this.readings?.temperature ?? 15) + 273.15 };
        s.mission = missionOnPad();
        this.filter.reset();
        break;
      }
      case 'MEC':
        out.actions.push({ kind: 'actuate', device: command.device, on: command.on });
        break;
      case 'BCN':
        out.actions.push({ kind: 'beacon', on: command.on });
        break;
      case 'RATE':
        s.telemetryHz = command.hz;
        break;
    }
    for (const action of out.actions) this.record(action);
    s.cmdEcho = commandEcho(command);
    return { result: 'OK', ...out };
  }

  /** The telemetry packet for clock time `now` (its packet count is the next one; the caller counts it sent). */
  telemetry(now: number): Telemetry {
    const s = this.state;
    const r = this.readings;
    const pressure = this.pressure();
    const gps = r?.gps ?? null;
    const health = this.failing | this.extraHealth | (s.resets > 0 ? HEALTH_BITS.RESET_RECOVERED : 0);
    // Every reading field of the message, by name: the compiler names one left out or misspelt.
    const values: TelemetryReadings = {
      altitude: this.estimate?.altitude ?? null,
      temperature: r?.temperature ?? null,
      pressure: pressure === null ? null : pressure / 1000,
      voltage: r?.voltage ?? null,
      current: r?.current ?? null,
      gyroR: r?.gyro?.[0] ?? null,
      gyroP: r?.gyro?.[1] ?? null,
      gyroY: r?.gyro?.[2] ?? null,
      accelR: r?.accel?.[0] ?? null,
      accelP: r?.accel?.[1] ?? null,
      accelY: r?.accel?.[2] ?? null,
      magR: r?.mag?.[0] ?? null,
      magP: r?.mag?.[1] ?? null,
      magY: r?.mag?.[2] ?? null,
      gpsTime: gps?.time ?? null,
      gpsAltitude: gps?.altitude ?? null,
      latitude: gps?.latitude ?? null,
      longitude: gps?.longitude ?? null,
      gpsSats: gps?.satellites ?? null,
    };
    for (const field of TELEMETRY_FIELDS as readonly FieldSpec[]) {
      // A reading the field cannot carry (a glitch past its range) is sent as absent, never clipped to a lie.
      if (field.kind !== 'number' || !(field.name in values)) continue;
      const name = field.name as keyof TelemetryReadings;
      const value = values[name];
      const [min, max] = numberRange(field);
      if (value !== null && !(value >= min && value <= max)) values[name] = null;
    }
    return {
      type: 'telemetry',
      teamId: s.teamId,
      packetCount: s.packetCount + 1,
      missionTime: Math.round(this.missionTime(now)),
      mode: s.mode,
      state: s.mission.state,
      ...values,
      cmdEcho: s.cmdEcho,
      health,
      faults: this.faults % 256,
      rejects: this.rejects % 256,
    };
  }

  /** The mission state now. */
  get missionState(): MissionState {
    return this.state.mission.state;
  }
}
