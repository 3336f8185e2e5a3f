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

/** Where the CanSat is against where it started: the launch point (the first fix held) and the latest fix. */
export interface TrackSummary {
  /** Row of the first and of the latest fix. */
  first: number;
  latest: number;
  origin: { latitude: number; longitude: number };
  position: { latitude: number; longitude: number };
  /** From the launch point to the latest fix, m and degrees from north. */
  distance: number;
  bearing: number;
}

/** The first and latest fixes of a flight's columns (a row without a fix is NaN), or null before any fix. */
export function trackSummary(latitudes: Float64Array, longitudes: Float64Array): TrackSummary | null {
  let first = -1;
  let latest = -1;
  // Two hours of fixes: plain loops over the columns, no object per point.
  for (let i = 0; i < latitudes.length; i++) {
    if (Number.isNaN(latitudes[i]!) || Number.isNaN(longitudes[i]!)) continue;
    if (first < 0) first = i;
    latest = i;
  }
  if (first < 0) return null;
  const origin = { latitude: latitudes[first]!, longitude: longitudes[first]! };
  const position = { latitude: latitudes[latest]!, longitude: longitudes[latest]! };
  return { first, latest, origin, position, ...distanceAndBearing(origin, position) };
}
