import { describe, expect, it } from 'vitest';
import { AltitudeFilter } from './altitude-filter.ts';

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

  it('believes a jump when the next sample agrees with it, starting from that sample', () => {
    const filter = new AltitudeFilter();
    for (let i = 0; i < 20; i++) filter.update(i / 10, 100);
    expect(filter.update(2, 300).accepted).toBe(false);
    expect(filter.update(2.1, 301)).toMatchObject({ altitude: 301, accepted: true });
    expect(filter.estimate?.speed).toBeCloseTo(10, 6);
  });

  it('never starts again from glitches that disagree with each other', () => {
    const filter = new AltitudeFilter();
    for (let i = 0; i < 20; i++) filter.update(i / 10, 100);
    for (const [i, glitch] of [900, -700, 1200, -300, 800].entries()) expect(filter.update(2 + i / 10, glitch).accepted).toBe(false);
    expect(filter.update(2.5, 100)).toMatchObject({ accepted: true });
    expect(filter.estimate?.altitude).toBeCloseTo(100, 3);
  });

  it('at one sample a second takes a launch jump as it is, and keeps it when the flight goes on', () => {
    // The judges' 2021 file B: 213 m in the first second from the pad, 323 m in the next.
    const filter = new AltitudeFilter();
    for (let t = 0; t < 10; t++) filter.update(t, 0);
    expect(filter.update(10, 213)).toMatchObject({ altitude: expect.closeTo(213, 1), accepted: true, doubtful: true });
    expect(filter.update(11, 323)).toMatchObject({ altitude: expect.closeTo(323, 1), accepted: true });
    expect(filter.update(12, 447).altitude).toBeCloseTo(447, 0);
    expect(filter.rejected).toBe(0);
  });

  it('undoes a one-sample spike at one sample a second, so the samples after it are tracked', () => {
    // Descending at 7 m/s; a +1524 Pa spike reads 130 m low for one second (the judges' 2021 example).
    const filter = new AltitudeFilter();
    for (let t = 0; t < 10; t++) filter.update(t, 700 - 7 * t);
    filter.update(10, 500);
    const after = filter.update(11, 700 - 77);
    expect(after.altitude).toBeCloseTo(623, 0);
    expect(after.speed).toBeCloseTo(-7, 0);
    expect(filter.rejected).toBe(1);
  });

  it('tracks the same flight at 1, 2, 5, 10 and 20 samples a second', () => {
    // Coasting up at 60 m/s, slowing at 10 m/s², then falling under a parachute.
    const truth = (t: number) => (t < 6 ? 60 * t - 5 * t * t : 180 - 8 * (t - 6));
    for (const hz of [1, 2, 5, 10, 20]) {
      const filter = new AltitudeFilter();
      let worst = 0;
      for (let i = 0; i <= 20 * hz; i++) {
        const t = i / hz;
        const e = filter.update(t, truth(t));
        if (t > 2) worst = Math.max(worst, Math.abs(e.altitude - truth(t)));
      }
      expect(worst, `${hz} Hz`).toBeLessThan(5);
      expect(filter.estimate?.speed, `${hz} Hz`).toBeCloseTo(-8, 0);
      expect(filter.rejected, `${hz} Hz`).toBe(0);
    }
  });
});
