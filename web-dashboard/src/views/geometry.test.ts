import { describe, expect, it } from 'vitest';
import { distanceAndBearing, tilt } from './geometry.ts';

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
