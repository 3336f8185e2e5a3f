import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../scenario.ts';
import { World } from '../world.ts';
import { ISA, densityAt, pressureAt, temperatureAt } from './atmosphere.ts';
import { thrustAt, totalImpulse } from './thrust-curve.ts';

/** Flies a world to landing, releasing at `releaseFraction` of the peak on the way down (the flight program's job). */
function fly(overrides: object = {}, releaseFraction: number | null = 0.75) {
  const world = new World(resolveScenario(overrides));
  const samples: { t: number; phase: string; altitude: number; vz: number }[] = [];
  while (world.phase !== 'LANDED' && world.time < 1000) {
    world.step();
    const v = world.vehicle;
    if (releaseFraction !== null && world.phase === 'CANOPY' && v.altitude < releaseFraction * v.peakAltitude) world.setReleaseAngle(120);
    samples.push({ t: world.time, phase: world.phase, altitude: v.altitude, vz: v.vz });
  }
  return { world, samples };
}

describe('ISA atmosphere', () => {
  // ICAO standard atmosphere table values (ICAO Doc 7488): geopotential height, pressure in Pa.
  it.each([
    [0, 101_325],
    [500, 95_461],
    [810, 91_966],
    [1000, 89_875],
    [2000, 79_495],
    [5000, 54_020],
  ])('gives the standard pressure at %i m within 0.1%', (h, p) => {
    expect(Math.abs(pressureAt(h) / p - 1)).toBeLessThan(0.001);
  });

  it('matches the barometric formula and the ideal gas law', () => {
    for (let h = 0; h <= 3000; h += 250) {
      const formula = 101_325 * (1 - (0.0065 * h) / 288.15) ** 5.255_88;
      expect(Math.abs(pressureAt(h) / formula - 1)).toBeLessThan(0.001);
      expect(temperatureAt(h)).toBeCloseTo(288.15 - 0.0065 * h, 9);
      expect(densityAt(h)).toBeCloseTo((pressureAt(h) * ISA.M) / (ISA.R * temperatureAt(h)), 9);
    }
    expect(densityAt(0)).toBeCloseTo(1.225, 3);
  });

  it('puts the default launch site near 92 kPa', () => {
    const world = new World(resolveScenario({}));
    expect(world.truth.pressure).toBeGreaterThan(91_500);
    expect(world.truth.pressure).toBeLessThan(92_500);
  });
});

describe('flight physics', () => {
  it('interpolates the thrust curve', () => {
    const curve = [
      [0, 0],
      [1, 100],
      [2, 0],
    ] as const;
    expect(thrustAt(curve, 0.5)).toBe(50);
    expect(thrustAt(curve, 1.5, 2)).toBe(100);
    expect(thrustAt(curve, 3)).toBe(0);
    expect(totalImpulse(curve)).toBe(100);
  });

  it.each([700, 850, 1000])('reaches a %i m target apogee within 5%', (target) => {
    const { world } = fly({ targetApogee: target });
    expect(Math.abs(world.vehicle.peakAltitude / target - 1)).toBeLessThan(0.05);
  });

  it('descends under the canopy within 2% of sqrt(2mg/(rho Cd A)), and slower after release', () => {
    const { world, samples } = fly();
    const p = world.params;
    const elevation = world.scenario.launchSite.elevation;
    const terminal = (mass: number, cdA: number, altitude: number) => Math.sqrt((2 * mass * ISA.G0) / (densityAt(elevation + altitude) * cdA));
    // Settled phases: 6 s after each change (v(t) = vt·tanh(g t/vt) is within 0.3% of vt by then).
    const canopy = samples.filter((s, i) => s.phase === 'CANOPY' && samples[i - 600]?.phase === 'CANOPY');
    const released = samples.filter((s, i) => s.phase === 'RELEASED' && samples[i - 600]?.phase === 'RELEASED' && s.altitude > 5);
    expect(canopy.length).toBeGreaterThan(100);
    expect(released.length).toBeGreaterThan(100);
    for (const s of canopy) expect(Math.abs(-s.vz / terminal(p.cansatMass, p.canopyCdA, s.altitude) - 1)).toBeLessThan(0.02);
    for (const s of released) expect(Math.abs(-s.vz / terminal(p.releasedMass, p.releasedCdA, s.altitude) - 1)).toBeLessThan(0.02);
    // About 15 and 5 m/s, as configured for the launch site.
    expect(-canopy.at(-1)!.vz).toBeCloseTo(15, 0);
    expect(-released.at(-1)!.vz).toBeCloseTo(5, 0);
  });

  it('never separates the payload if the flight program never releases it', () => {
    const { world } = fly({}, null);
    expect(world.events.map((e) => e.what)).not.toContain('released');
    expect(world.events.at(-1)!.what).toBe('landed');
    // 850 m at 15 m/s: close to a minute under the canopy alone.
    const apogee = world.events.find((e) => e.what.startsWith('apogee'))!.t;
    expect(world.time - apogee).toBeGreaterThan(50);
  });

  it('falls ballistic when the parachute fails, until the flight program fires it', () => {
    const ballistic = fly({ cansat: { parachute: 'fails' } }, null).world;
    expect(ballistic.events.map((e) => e.what)).toContain('separated, parachute failed: ballistic');
    const nominal = fly({}, null).world;
    expect(ballistic.time).toBeLessThan(nominal.time - 20);
  });

  it('drifts downwind: an east wind carries the CanSat west', () => {
    const { world } = fly({ wind: { speed: 8, direction: 90, gust: 0 } });
    expect(world.vehicle.east).toBeLessThan(-300);
    expect(Math.abs(world.vehicle.north)).toBeLessThan(50);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = fly({ seed: 7 }).world.vehicle;
    const b = fly({ seed: 7 }).world.vehicle;
    const c = fly({ seed: 8 }).world.vehicle;
    expect(b.east).toBe(a.east);
    expect(c.east).not.toBe(a.east);
  });

  it('records the flight in order: ignition, burnout, apogee, parachute, release, landing', () => {
    const names = fly().world.events.map((e) => e.what);
    expect(names).toEqual(['ignition', 'burnout', 'apogee: separation', 'parachute open', 'released', 'landed']);
  });
});
