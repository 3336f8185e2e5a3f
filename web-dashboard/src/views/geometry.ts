const EARTH_RADIUS = 6_371_000;
const RAD = Math.PI / 180;

/** Metres per degree of longitude (east) and of latitude (north) around `latitude`, on a local flat Earth. */
export function metresPerDegree(latitude: number): { east: number; north: number } {
  return { east: RAD * EARTH_RADIUS * Math.cos(latitude * RAD), north: RAD * EARTH_RADIUS };
}

/** Metres east and north of `origin`, on a local flat Earth (fine over a few kilometres). */
export function offsetMetres(origin: { latitude: number; longitude: number }, point: { latitude: number; longitude: number }): [number, number] {
  const scale = metresPerDegree(origin.latitude);
  return [(point.longitude - origin.longitude) * scale.east, (point.latitude - origin.latitude) * scale.north];
}

/** Distance (m) and bearing (degrees from north) from `from` to `to`. */
export function distanceAndBearing(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }): { distance: number; bearing: number } {
  const [east, north] = offsetMetres(from, to);
  return { distance: Math.hypot(east, north), bearing: ((Math.atan2(east, north) / RAD) + 360) % 360 };
}

/** Tilt from vertical (degrees) and its direction (degrees from the roll axis) from the gravity vector. */
export function tilt(accel: [number, number, number]): { angle: number; direction: number } {
  const [x, y, z] = accel;
  return { angle: Math.atan2(Math.hypot(x, y), z) / RAD, direction: Math.atan2(y, x) / RAD };
}
