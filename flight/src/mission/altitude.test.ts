import { describe, expect, it } from 'vitest';
import { altitudeAbove } from './altitude.ts';
import { AltitudeFilter } from './altitude-filter.ts';

describe('altitude from pressure', () => {
  it('inverts the ISA barometric formula from the measured ground temperature', () => {
    // ISA: 810 m is 91965.26 Pa at 282.885 K; 1810 m is 81388.56 Pa.
    const reference = { pressure: 91_965.26, temperature: 282.885 };
    expect(altitudeAbove(91_965.26, reference)).toBeCloseTo(0, 6);
    expect(altitudeAbove(81_388.56, reference)).toBeCloseTo(1000, 1);
    // Sea-level standard: 89874.6 Pa is 1000 m.
    expect(altitudeAbove(89_874.6, { pressure: 101_325, temperature: 288.15 })).toBeCloseTo(1000, 0);
  });
});

describe('altitude filter', () => {
  it('tracks a climb and its speed', () => {
    const filter = new AltitudeFilter();
    let estimate = filter.update(0, 0);
    for (let i = 1; i <= 100; i++) estimate = filter.update(i / 10, i * 5);
    expect(estimate.altitude).toBeCloseTo(500, 0);
    expect(estimate.speed).toBeCloseTo(50, 0);
  });

  it('throws away a single spike and counts it', () => {
    const filter = new AltitudeFilter();
    for (let i = 0; i < 20; i++) filter.update(i / 10, 100);
    expect(filter.update(2, 450).accepted).toBe(false);
    expect(filter.update(2.1, 100).altitude).toBeCloseTo(100, 3);
    expect(filter.rejected).toBe(1);
  });

  it('believes a jump that persists', () => {
    const filter = new AltitudeFilter({ maxRejects: 3 });
    for (let i = 0; i < 20; i++) filter.update(i / 10, 100);
    for (let i = 0; i < 3; i++) expect(filter.update(2 + i / 10, 300).accepted).toBe(false);
    expect(filter.update(2.3, 300)).toMatchObject({ altitude: 300, accepted: true });
  });
});
