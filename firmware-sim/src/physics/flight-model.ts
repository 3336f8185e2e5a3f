import { ISA } from './atmosphere.ts';
import { burnTime, thrustAt, type ThrustCurve } from './thrust-curve.ts';

/** Where the vehicle is in its flight. The CanSat leaves the rocket at apogee. */
export type Phase = 'PAD' | 'BOOST' | 'COAST' | 'CANOPY' | 'BALLISTIC' | 'RELEASED' | 'LANDED';

/** The vehicle's numbers, in SI units, resolved from a scenario. */
export interface VehicleParams {
  ignitionTime: number;
  rocketMass: number;
  /** Drag coefficient × reference area, m². */
  rocketCdA: number;
  thrust: ThrustCurve;
  thrustScale: number;
  cansatMass: number;
  bodyCdA: number;
  canopyCdA: number;
  parachuteFails: boolean;
  releasedMass: number;
  releasedCdA: number;
  canopySpin: number;
  releasedSpin: number;
}

/** The vehicle's state; mutated in place by `stepVehicle`. */
export interface VehicleState {
  /** s since power-on. */
  t: number;
  phase: Phase;
  /** m above the ground. */
  altitude: number;
  /** Vertical speed, m/s, up positive. */
  vz: number;
  /** Vertical acceleration over the last step, m/s². */
  az: number;
  /** Horizontal position from the pad, m. */
  east: number;
  north: number;
  ve: number;
  vn: number;
  ae: number;
  an: number;
  /** Heading of the body's roll axis, degrees from north. */
  heading: number;
  /** Yaw rate, °/s. */
  spin: number;
  /** Specific force along the vertical (what an accelerometer on the yaw axis reads), m/s². */
  specificForce: number;
  thrust: number;
  peakAltitude: number;
}

/** A fresh vehicle on the pad. */
export function vehicleOnPad(): VehicleState {
  return { t: 0, phase: 'PAD', altitude: 0, vz: 0, az: 0, east: 0, north: 0, ve: 0, vn: 0, ae: 0, an: 0, heading: 0, spin: 0, specificForce: ISA.G0, thrust: 0, peakAltitude: 0 };
}

/** What the air does at a height: density (kg/m³) and the wind's velocity (m/s, east and north). */
export interface Air {
  density(altitude: number): number;
  wind(altitude: number): readonly [number, number];
}

/** What the flight program asked for, read each step. */
export interface Actuation {
  release: boolean;
  deployParachute: boolean;
}

/** Seconds for the horizontal speed to follow the wind: a parachute drifts with it almost at once. */
const DRIFT_TIME_CONSTANT: Partial<Record<Phase, number>> = { CANOPY: 0.8, RELEASED: 1.2, BALLISTIC: 4 };

/** Mass (kg) and drag area (m²) of what is flying in `phase`. */
function massAndDrag(p: VehicleParams, phase: Phase): [number, number] {
  switch (phase) {
    case 'PAD':
    case 'BOOST':
    case 'COAST':
      return [p.rocketMass, p.rocketCdA];
    case 'CANOPY':
      return [p.cansatMass, p.canopyCdA];
    case 'BALLISTIC':
      return [p.cansatMass, p.bodyCdA];
    case 'RELEASED':
    case 'LANDED':
      return [p.releasedMass, p.releasedCdA];
  }
}

/**
 * Moves the vehicle `dt` seconds on (semi-implicit Euler): thrust, gravity and quadratic drag vertically, the wind
 * horizontally, and the phase changes they cause. Returns the phase change, if any, for the event log.
 */
export function stepVehicle(s: VehicleState, p: VehicleParams, air: Air, act: Actuation, dt: number): Phase | null {
  const before = s.phase;
  s.t += dt;
  if (s.phase === 'PAD' && s.t >= p.ignitionTime) s.phase = 'BOOST';
  if (s.phase === 'PAD' || s.phase === 'LANDED') {
    s.vz = s.az = s.ve = s.vn = s.ae = s.an = 0;
    s.specificForce = ISA.G0;
    s.thrust = 0;
    s.spin = 0;
    return s.phase === before ? null : s.phase;
  }
  const burning = s.t - p.ignitionTime;
  if (s.phase === 'BOOST' && burning >= burnTime(p.thrust)) s.phase = 'COAST';
  // The CanSat is deployed at apogee; its parachute opens unless the scenario says it fails, or the flight
  // program fires it later.
  if (s.phase === 'COAST' && s.vz <= 0) s.phase = p.parachuteFails ? 'BALLISTIC' : 'CANOPY';
  if (s.phase === 'BALLISTIC' && act.deployParachute && !p.parachuteFails) s.phase = 'CANOPY';
  if ((s.phase === 'CANOPY' || s.phase === 'BALLISTIC') && act.release) s.phase = 'RELEASED';

  const [mass, cdA] = massAndDrag(p, s.phase);
  const rho = air.density(s.altitude);
  s.thrust = s.phase === 'BOOST' ? thrustAt(p.thrust, burning, p.thrustScale) : 0;
  const drag = 0.5 * rho * cdA * s.vz * Math.abs(s.vz);
  s.specificForce = (s.thrust - drag) / mass;
  s.az = s.specificForce - ISA.G0;
  // Until thrust beats weight the rocket sits on the rail.
  if (s.phase === 'BOOST' && s.altitude <= 0 && s.az < 0) {
    s.az = 0;
    s.specificForce = ISA.G0;
  }
  s.vz += s.az * dt;
  s.altitude += s.vz * dt;
  s.peakAltitude = Math.max(s.peakAltitude, s.altitude);

  const tau = DRIFT_TIME_CONSTANT[s.phase];
  if (tau === undefined) {
    s.ae = s.an = s.ve = s.vn = 0;
  } else {
    const [we, wn] = air.wind(s.altitude);
    s.ae = (we - s.ve) / tau;
    s.an = (wn - s.vn) / tau;
    s.ve += s.ae * dt;
    s.vn += s.an * dt;
    s.east += s.ve * dt;
    s.north += s.vn * dt;
  }

  s.spin = s.phase === 'CANOPY' ? p.canopySpin : s.phase === 'RELEASED' ? p.releasedSpin : s.phase === 'BALLISTIC' ? p.canopySpin * 4 : 0;
  s.heading = (((s.heading + s.spin * dt) % 360) + 360) % 360;

  if (s.altitude <= 0 && (s.phase === 'CANOPY' || s.phase === 'BALLISTIC' || s.phase === 'RELEASED')) {
    s.altitude = 0;
    s.phase = 'LANDED';
    s.vz = s.az = s.ve = s.vn = s.ae = s.an = s.spin = 0;
    s.specificForce = ISA.G0;
  }
  return s.phase === before ? null : s.phase;
}
