import { ISA, densityAt, pressureAt, temperatureAt, type Weather } from './physics/atmosphere.ts';
import { thrustScaleForApogee } from './physics/apogee-tuning.ts';
import { stepVehicle, vehicleOnPad, type Air, type Phase, type VehicleParams, type VehicleState } from './physics/flight-model.ts';
import { Random } from './random.ts';
import type { Fault, Scenario } from './scenario.ts';

/** The chips a fault can hit. */
export type DeviceName = Fault['device'];

/** Something that happened in the simulated world, for summaries and tests. */
export interface WorldEvent {
  /** s since power-on. */
  t: number;
  what: string;
  altitude: number;
}

/** Physics step, s: 100 Hz is well above every sensor rate the kit reads. */
export const PHYSICS_STEP = 0.01;

const EARTH_RADIUS = 6_371_000;
const DEG = Math.PI / 180;
/** The Earth's field at a mid-latitude site, gauss: horizontal (north) and vertical (down) parts. */
const MAG_HORIZONTAL = 0.2;
const MAG_DOWN = 0.45;

/** The latitude and longitude of a point `north` and `east` metres from `site` (flat over a launch field). */
export function placeNear(site: { latitude: number; longitude: number }, north: number, east: number): { latitude: number; longitude: number } {
  return { latitude: site.latitude + north / EARTH_RADIUS / DEG, longitude: site.longitude + east / (EARTH_RADIUS * Math.cos(site.latitude * DEG)) / DEG };
}

/** Resolves a scenario's vehicle into physics parameters, scaling the motor to reach the target apogee. */
export function vehicleParams(scenario: Scenario, air: Air): VehicleParams {
  const area = (d: number) => (Math.PI * d * d) / 4;
  const groundDensity = air.density(0);
  // Drag area that gives `rate` m/s at the launch site: from m g = ½ ρ v² CdA.
  const cdAFor = (mass: number, rate: number) => (2 * mass * ISA.G0) / (groundDensity * rate * rate);
  const { rocket, cansat } = scenario;
  const base: Omit<VehicleParams, 'thrustScale'> = {
    ignitionTime: scenario.padWait,
    rocketMass: rocket.mass,
    rocketCdA: rocket.cd * area(rocket.diameter),
    thrust: rocket.thrust,
    cansatMass: cansat.mass,
    bodyCdA: cansat.cd * area(cansat.diameter),
    canopyCdA: cdAFor(cansat.mass, cansat.descentRate),
    parachuteFails: cansat.parachute === 'fails',
    releasedMass: cansat.releasedMass,
    releasedCdA: cdAFor(cansat.releasedMass, cansat.releasedDescentRate),
    canopySpin: cansat.canopySpin,
    releasedSpin: cansat.releasedSpin,
  };
  return { ...base, thrustScale: thrustScaleForApogee(base, air, scenario.targetApogee) };
}

/**
 * The simulated world around the CanSat: atmosphere, wind, the vehicle, its battery, and the actuators the flight
 * program drives. Sensors read it through `readings`; it moves only when `step` is called (by the simulator's
 * clock), so it is deterministic for a seed.
 */
export class World {
  readonly scenario: Scenario;
  readonly params: VehicleParams;
  readonly vehicle: VehicleState = vehicleOnPad();
  readonly events: WorldEvent[] = [];
  readonly random: Random;
  /** The release servo's last commanded angle, degrees. */
  releaseAngle = 0;
  parachuteFired = false;
  buzzerOn = false;
  /** Charge drawn from the battery, Ah. */
  private drawn = 0;
  private servoBusyUntil = -1;
  private gust: [number, number] = [0, 0];
  private readonly weather: Weather;
  private readonly air: Air;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.random = new Random(scenario.seed);
    this.weather = scenario.weather;
    const elevation = scenario.launchSite.elevation;
    this.air = {
      density: (altitude) => densityAt(elevation + altitude, this.weather),
      wind: (altitude) => this.windAt(altitude),
    };
    this.params = vehicleParams(scenario, this.air);
  }

  /** s since power-on. */
  get time(): number {
    return this.vehicle.t;
  }

  /** s since ignition (negative on the pad). */
  get missionTime(): number {
    return this.vehicle.t - this.params.ignitionTime;
  }

  get phase(): Phase {
    return this.vehicle.phase;
  }

  /** Moves the world one physics step on. */
  step(dt = PHYSICS_STEP): void {
    const gustSd = this.scenario.wind.gust;
    // Gusts as an Ornstein-Uhlenbeck process with a 3 s memory, so they wander rather than jitter.
    const keep = Math.exp(-dt / 3);
    const kick = gustSd * Math.sqrt(1 - keep * keep);
    this.gust = [this.gust[0] * keep + this.random.gaussian(kick), this.gust[1] * keep + this.random.gaussian(kick)];
    const released = this.releaseAngle >= this.scenario.devices.releaseAngle;
    const before = this.vehicle.phase;
    const change = stepVehicle(this.vehicle, this.params, this.air, { release: released, deployParachute: this.parachuteFired }, dt);
    if (before === 'COAST' && change !== null) this.log('apogee: separation');
    if (change !== null) this.log(PHASE_EVENTS[change]);
    this.drawn += (this.current() * dt) / 3600;
  }

  /** Wind velocity (east, north), m/s, at `altitude` above ground: a 1/7 power law from the 10 m wind, plus gusts. */
  windAt(altitude: number): [number, number] {
    const { speed, direction } = this.scenario.wind;
    const atHeight = speed * (Math.max(altitude, 1) / 10) ** (1 / 7);
    // `direction` is where the wind comes from; it blows the other way.
    const toward = (direction + 180) * DEG;
    return [atHeight * Math.sin(toward) + this.gust[0], atHeight * Math.cos(toward) + this.gust[1]];
  }

  /** The release servo moved to `angle` degrees (it draws current while moving). */
  setReleaseAngle(angle: number): void {
    if (angle !== this.releaseAngle) this.servoBusyUntil = this.time + 0.5;
    this.releaseAngle = angle;
  }

  setParachute(fire: boolean): void {
    if (fire && !this.parachuteFired) this.log('parachute fired');
    this.parachuteFired ||= fire;
  }

  setBuzzer(on: boolean): void {
    if (on !== this.buzzerOn) this.log(on ? 'beacon on' : 'beacon off');
    this.buzzerOn = on;
  }

  /** Battery current, A. */
  current(): number {
    const b = this.scenario.battery;
    return b.baseCurrent + (this.buzzerOn ? 0.03 : 0) + (this.time < this.servoBusyUntil ? 0.45 : 0);
  }

  /** Battery terminal voltage, V: open-circuit voltage falling with charge drawn, less the internal drop. */
  voltage(): number {
    const b = this.scenario.battery;
    const charge = Math.max(0, 1 - this.drawn / b.capacity);
    return b.emptyVoltage + (b.fullVoltage - b.emptyVoltage) * charge - this.current() * b.internalResistance;
  }

  /** Faults of `device` in force now. */
  activeFaults(device: DeviceName): Fault[] {
    const t = this.missionTime;
    return this.scenario.faults.filter((f) => f.device === device && t >= f.at && t < f.at + f.duration);
  }

  /** What the sensors would measure now, without sensor noise or faults (those are the chips' business). */
  get truth() {
    const v = this.vehicle;
    const site = this.scenario.launchSite;
    const msl = site.elevation + v.altitude;
    const h = v.heading * DEG;
    // Body axes: yaw along the vertical, roll and pitch horizontal, turned by the heading.
    const toBody = (east: number, north: number): [number, number] => [north * Math.cos(h) + east * Math.sin(h), -north * Math.sin(h) + east * Math.cos(h)];
    const [ax, ay] = toBody(v.ae, v.an);
    const [mx, my] = toBody(0, MAG_HORIZONTAL);
    return {
      /** Pa */
      pressure: pressureAt(msl, this.weather),
      /** °C */
      temperature: temperatureAt(msl, this.weather) - 273.15,
      /** %RH, drier higher up */
      humidity: Math.max(5, 55 - v.altitude * 0.01),
      /** Specific force in the body frame, m/s² (x roll, y pitch, z yaw axis). */
      accel: [ax, ay, v.specificForce] as [number, number, number],
      /** °/s */
      gyro: [0, 0, v.spin] as [number, number, number],
      /** gauss */
      mag: [mx, my, MAG_DOWN] as [number, number, number],
      ...placeNear(site, v.north, v.east),
      /** GPS altitude above mean sea level, m. */
      altitudeMsl: msl,
      /** Ground speed, m/s, and course over ground, degrees. */
      groundSpeed: Math.hypot(v.ve, v.vn),
      course: ((Math.atan2(v.ve, v.vn) / DEG) + 360) % 360,
      /** UTC now. */
      utc: new Date(Date.parse(this.scenario.utcStart) + v.t * 1000),
    };
  }

  private log(what: string): void {
    this.events.push({ t: this.time, what, altitude: this.vehicle.altitude });
  }
}

const PHASE_EVENTS: Record<Phase, string> = {
  PAD: 'on the pad',
  BOOST: 'ignition',
  COAST: 'burnout',
  CANOPY: 'parachute open',
  BALLISTIC: 'separated, parachute failed: ballistic',
  RELEASED: 'released',
  LANDED: 'landed',
};
