import { ggaSentence, rmcSentence } from '@cansat/firmware-sim';
import { describe, expect, it } from 'vitest';
import { parseNmea } from '../src/sensors/nmea.ts';

describe('NMEA parsing', () => {
  const input = { fix: true, utc: new Date('2026-06-13T14:05:09.250Z'), latitude: 37.1677, longitude: -80.579, altitude: 1234.5, satellites: 9, groundSpeed: 0, course: 0 };

  it.each(['GN', 'GP'])('reads the simulated %s GGA back to the simulated position', (talker) => {
    expect(parseNmea(ggaSentence(talker, input))).toEqual({
      type: 'GGA',
      talker,
      time: 50_709.25,
      fix: { time: 50_709, latitude: expect.closeTo(37.1677, 7), longitude: expect.closeTo(-80.579, 7), altitude: 1234.5, satellites: 9 },
    });
  });

  it('reads the GGA example of the u-blox protocol specification, and its GN form', () => {
    const parsed = parseNmea('$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B');
    expect(parsed).toMatchObject({ type: 'GGA', talker: 'GP', fix: { time: 34_045 } });
    expect(parseNmea('$GNGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*45')).toMatchObject({ type: 'GGA', talker: 'GN', fix: { latitude: expect.closeTo(47.285233, 5), longitude: expect.closeTo(8.565265, 5), altitude: 499.6, satellites: 8 } });
  });

  it('has no fix before the receiver has one, and reads RMC validity', () => {
    expect(parseNmea(ggaSentence('GN', { ...input, fix: false }))).toMatchObject({ fix: null, time: 50_709.25 });
    expect(parseNmea(rmcSentence('GN', input))).toEqual({ type: 'RMC', talker: 'GN', valid: true, time: 50_709.25 });
  });

  it('rejects a bad checksum, garbage and sentences it does not use', () => {
    const good = ggaSentence('GN', input).trim();
    expect(parseNmea(good.replace('3710', '3711'))).toBeNull();
    expect(parseNmea('$GNGSV,1,1,01*7F')).toBeNull();
    expect(parseNmea('\u0000\u00ff garbage')).toBeNull();
    expect(parseNmea('')).toBeNull();
  });
});
