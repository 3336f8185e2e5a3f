import { execFileSync } from 'node:child_process';
import { startLiveFlight } from '../test/support/live-flight.ts';
import type { BenchOptions, Figure } from './figure.ts';
import { cpuFraction, rssMb } from './proc-usage.ts';

/** The flight program as a process on the simulated board in real time: 10 Hz sensing, 1 Hz telemetry. */
export async function flightBench({ quick }: BenchOptions): Promise<Figure[]> {
  // Measure what runs on the CanSat: the bundle, without a TypeScript loader.
  execFileSync(process.execPath, [new URL('../scripts/build.mjs', import.meta.url).pathname, '--no-dashboard'], { cwd: new URL('..', import.meta.url).pathname });
  const flight = await startLiveFlight({ seed: 1, scale: 1, scenario: { padWait: 3600 } });
  try {
    await flight.start();
    flight.send({ name: 'CX', on: true });
    // Let start-up (module loading, the board) settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, quick ? 500 : 5000));
    const pid = flight.pid()!;
    const cpu = await cpuFraction(pid, quick ? 1 : 30);
    const rss = rssMb(pid);
    const telemetry = flight.received.filter((m) => m.type === 'telemetry').length;
    if (telemetry === 0) throw new Error(`the flight program sent no telemetry:\n${flight.output()}`);
    return [
      { key: 'flight.cpu', value: cpu, unit: 'cores', target: { op: '<', value: 0.05 }, note: 'flight bundle on the simulated board over a socket, 10 Hz sensing, 1 Hz telemetry, 30 s' },
      { key: 'flight.rssMb', value: rss, unit: 'MB', target: { op: '<', value: 80 }, note: 'the same process, resident memory' },
    ];
  } finally {
    await flight.close();
  }
}
