import { slopeOver } from '@cansat/protocol';

/** Vertical speed now, m/s: the slope of altitude over the last `windowMs` of mission time (protocol's slopeOver). */
export function verticalSpeed(missionTimes: Float64Array, altitudes: Float64Array, windowMs = 2000): number | null {
  const slope = slopeOver(missionTimes, altitudes, missionTimes.length - 1, windowMs);
  return slope === null ? null : slope * 1000;
}
