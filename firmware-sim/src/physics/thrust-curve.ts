/** A motor's thrust against time: [seconds after ignition, newtons] points, linearly interpolated. */
export type ThrustCurve = readonly (readonly [number, number])[];

/** Thrust in N at `t` seconds after ignition, `scale` times the curve; 0 outside it. */
export function thrustAt(curve: ThrustCurve, t: number, scale = 1): number {
  if (t < 0 || curve.length === 0) return 0;
  for (let i = 1; i < curve.length; i++) {
    const [t1, f1] = curve[i]!;
    if (t <= t1) {
      const [t0, f0] = curve[i - 1]!;
      return scale * (t1 === t0 ? f1 : f0 + ((f1 - f0) * (t - t0)) / (t1 - t0));
    }
  }
  return 0;
}

/** When the motor stops pushing, s after ignition. */
export function burnTime(curve: ThrustCurve): number {
  return curve.length === 0 ? 0 : curve[curve.length - 1]![0];
}

/** Total impulse, N·s (trapezoids). */
export function totalImpulse(curve: ThrustCurve): number {
  let sum = 0;
  for (let i = 1; i < curve.length; i++) sum += ((curve[i]![1] + curve[i - 1]![1]) / 2) * (curve[i]![0] - curve[i - 1]![0]);
  return sum;
}
