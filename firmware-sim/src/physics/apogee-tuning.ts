import { vehicleOnPad, stepVehicle, type Air, type VehicleParams } from './flight-model.ts';

const NO_ACTION = { release: false, deployParachute: false };

/** Apogee above ground reached with `params` (the ascent only, in still air), m. */
export function simulatedApogee(params: VehicleParams, air: Air, dt = 0.005): number {
  const state = vehicleOnPad();
  const stillAir: Air = { density: air.density, wind: () => [0, 0] };
  state.t = params.ignitionTime;
  state.phase = 'BOOST';
  for (let i = 0; i < 200_000; i++) {
    stepVehicle(state, params, stillAir, NO_ACTION, dt);
    if (state.phase !== 'BOOST' && state.phase !== 'COAST') break;
  }
  return state.peakAltitude;
}

/**
 * The thrust scale that makes the rocket reach `target` metres (bisection: apogee grows with thrust). Throws a
 * RangeError when no scale from 0.05 to 50 gets there, which means the rocket in the scenario cannot fly.
 */
export function thrustScaleForApogee(params: Omit<VehicleParams, 'thrustScale'>, air: Air, target: number): number {
  const apogee = (scale: number) => simulatedApogee({ ...params, thrustScale: scale }, air);
  let lo = 0.05;
  let hi = 50;
  if (apogee(hi) < target) throw new RangeError(`the rocket cannot reach ${target} m: check its mass, drag and thrust curve`);
  for (let i = 0; i < 40 && hi - lo > 1e-5; i++) {
    const mid = (lo + hi) / 2;
    if (apogee(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
