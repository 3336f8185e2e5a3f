import five from 'johnny-five';
import { afterEach, describe, expect, it } from 'vitest';
import { compensatePressure, compensateTemperature, DATASHEET_CALIBRATION } from './devices/bmp280-compensation.ts';
import { barometerOn, boardOn, closeSimulators, runFor, simulated } from './testing.ts';

afterEach(closeSimulators);

describe("johnny-five's own drivers read the simulated chips", () => {
  it('BMP280 with the datasheet trimming and raw example reads 25.08 °C and the datasheet pressure', async () => {
    const { sim, clock } = simulated();
    sim.barometer.rawOverride = { adcT: 519_888, adcP: 415_148 };
    const board = await boardOn(sim.io);
    const multi = barometerOn(board, 'BMP280', 0x77);
    await runFor(clock, 200);
    expect(multi.thermometer.celsius).toBe(25.08);
    // The datasheet's floating-point example gives 100653.27 Pa; the 32-bit fixed-point formula that
    // johnny-five (and Bosch's own 32-bit code) uses lands on 100656 Pa for the same raw values.
    expect(multi.barometer.pressure * 1000).toBeCloseTo(100_653.27, -1);
    const { tFine } = compensateTemperature(519_888, DATASHEET_CALIBRATION);
    expect(multi.barometer.pressure).toBe(compensatePressure(415_148, tFine, DATASHEET_CALIBRATION) / 1000);
  });

  it('BMP280 reports the simulated air at the launch site (92 kPa, ISA temperature)', async () => {
    const { sim, clock } = simulated();
    const board = await boardOn(sim.io);
    const multi = barometerOn(board, 'BMP280', 0x77);
    await runFor(clock, 500);
    const truth = sim.world.truth;
    expect(multi.barometer.pressure * 1000).toBeCloseTo(truth.pressure, -1);
    expect(Math.abs(multi.thermometer.celsius - truth.temperature)).toBeLessThan(0.1);
    expect(multi.barometer.pressure).toBeGreaterThan(91.5);
    expect(multi.barometer.pressure).toBeLessThan(92.5);
  });

  it('MPU6050 reads the simulated accelerations and rates at the configured full-scale ranges', async () => {
    const { sim, clock } = simulated({ padWait: 1, faults: [] });
    const board = await boardOn(sim.io);
    // ±16 g and ±2000 °/s, so a launch does not saturate; johnny-five is told the matching sensitivities.
    sim.io.i2cWrite(0x68, 0x1c, [0x18]);
    sim.io.i2cWrite(0x68, 0x1b, [0x18]);
    // One driver serves both components (johnny-five shares it per board and address); each has its sensitivity.
    const accelerometer = new five.Accelerometer({ board, controller: 'MPU6050', address: 0x68, sensitivity: 2048 } as never);
    const gyro = new five.Gyro({ board, controller: 'MPU6050', address: 0x68, sensitivity: 16.4 } as never);
    await runFor(clock, 1300);
    // During the burn: thrust over mass, in g.
    const truth = sim.world.truth;
    expect(sim.world.phase).toBe('BOOST');
    // johnny-five averages its last 5 samples, which lags the thrust curve a little.
    expect(Math.abs(accelerometer.z / (truth.accel[2] / 9.806_65) - 1)).toBeLessThan(0.03);
    expect(accelerometer.z).toBeGreaterThan(5);
    await runFor(clock, 14_000, 50);
    expect(sim.world.phase).toBe('CANOPY');
    expect(gyro.rate.z).toBeCloseTo(sim.world.params.canopySpin, 0);
  });
});
