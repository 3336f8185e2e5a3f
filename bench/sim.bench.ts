import { GPS_PORT, Simulator, VirtualClock, resolveScenario } from '@cansat/firmware-sim';
import { median, type BenchOptions, type Figure } from './figure.ts';

/** Wall time of a 200 s simulated flight on the virtual clock, with every chip read as the flight program reads it. */
export async function simBench({ quick }: BenchOptions): Promise<Figure[]> {
  const simulatedSeconds = quick ? 5 : 200;
  const times: number[] = [];
  for (let run = 0; run < (quick ? 1 : 5); run++) {
    const started = performance.now();
    const clock = new VirtualClock();
    const sim = new Simulator(resolveScenario({ padWait: 10 }), clock, { samplingIntervalMs: 50 });
    let reads = 0;
    sim.io.i2cWrite(0x68, 0x6b, [0]);
    sim.io.i2cWrite(0x77, 0xf4, [0x3f]);
    sim.io.i2cRead(0x77, 0xf7, 6, () => reads++);
    sim.io.i2cRead(0x68, 0x3b, 14, () => reads++);
    sim.io.i2cRead(0x40, 0x02, 2, () => reads++);
    sim.io.serialRead(GPS_PORT, () => reads++);
    clock.advance(simulatedSeconds * 1000);
    sim.close();
    if (reads < simulatedSeconds * 50) throw new Error(`only ${reads} reads in the simulated flight`);
    times.push(performance.now() - started);
  }
  const wallMs = median(times) * (200 / simulatedSeconds);
  return [
    { key: 'sim.flight200sWallMs', value: wallMs, unit: 'ms', target: { op: '<', value: 1000 }, note: '200 s flight, 100 Hz physics, BMP280/MPU6050/INA219 at 20 Hz, GPS at 1 Hz' },
    { key: 'sim.speedup', value: (200 * 1000) / wallMs, unit: '× real time', note: 'the same run' },
  ];
}
