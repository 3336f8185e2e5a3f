import { HEALTH_BITS } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';
import { Sensors, type SensorReader } from './sensors.ts';

describe('Sensors', () => {
  const barometer: SensorReader = {
    bit: HEALTH_BITS.BAROMETER,
    read(_now, into) {
      into.pressure = 91_000;
      into.temperature = 12;
      return true;
    },
  };
  const throwing: SensorReader = {
    bit: HEALTH_BITS.IMU,
    read() {
      throw new Error('I2C bus error');
    },
  };
  const silent: SensorReader = { bit: HEALTH_BITS.GPS, read: () => false };

  it('a sensor throwing on every read costs only its own fields, counted, flagged in health', () => {
    const sensors = new Sensors([throwing, barometer, silent]);
    for (let i = 0; i < 5; i++) {
      const readings = sensors.read(i * 100);
      expect(readings).toMatchObject({ pressure: 91_000, temperature: 12, accel: null, gyro: null, gps: null });
      expect(readings.failing).toBe(HEALTH_BITS.IMU | HEALTH_BITS.GPS);
    }
    expect(sensors.faultCount).toBe(5);
    expect(sensors.errors.get(HEALTH_BITS.IMU)).toBe(5);
  });

  it('counts what the drivers threw in their reply handlers too', () => {
    const sensors = new Sensors([barometer], { lastReply: () => 0, handlerErrors: 7 });
    expect(sensors.faultCount).toBe(7);
  });
});
