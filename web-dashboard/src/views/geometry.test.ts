import { describe, expect, it } from 'vitest';
import { distanceAndBearing, tilt, trackSummary } from './geometry.ts';

describe('recovery geometry', () => {
  it('gives distance and bearing from the station to the CanSat', () => {
    const station = { latitude: 37.1677, longitude: -80.579 };
    const east = distanceAndBearing(station, { latitude: 37.1677, longitude: -80.579 + 1000 / (111_195 * Math.cos((37.1677 * Math.PI) / 180)) });
    expect(east.distance).toBeCloseTo(1000, -1);
    expect(east.bearing).toBeCloseTo(90, 1);
    expect(distanceAndBearing(station, { latitude: 37.1577, longitude: -80.579 }).bearing).toBeCloseTo(180, 1);
  });

  it('gives the tilt from the accelerometer', () => {
    expect(tilt([0, 0, 9.8]).angle).toBeCloseTo(0, 6);
    expect(tilt([9.8, 0, 9.8]).angle).toBeCloseTo(45, 6);
  });
});

describe('trackSummary', () => {
  it('measures from the first fix to the latest, passing over rows without a fix', () => {
    const n = Number.NaN;
    const summary = trackSummary(Float64Array.of(n, 37.1677, n, 37.1677, 37.1686, n), Float64Array.of(n, -80.579, n, -80.578, -80.579, n));
    expect(summary).toMatchObject({ first: 1, latest: 4, origin: { latitude: 37.1677, longitude: -80.579 } });
    expect(summary!.distance).toBeCloseTo(100, -1);
    expect(summary!.bearing).toBeCloseTo(0, 0);
    expect(trackSummary(Float64Array.of(n, n), Float64Array.of(n, n))).toBeNull();
  });
});
