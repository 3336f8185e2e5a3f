import { describe, expect, it } from 'vitest';
import { altitudeAbove } from './altitude.ts';

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
