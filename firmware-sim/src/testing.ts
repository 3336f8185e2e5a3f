import five from 'johnny-five';
import { VirtualClock } from './clock.ts';
import { resolveScenario } from './scenario.ts';
import type { SimIO } from './sim-io.ts';
import { Simulator } from './simulator.ts';

/** A johnny-five Board on the simulated IO, resolved once ready. */
export async function boardOn(io: SimIO): Promise<five.Board> {
  const board = new five.Board({ io: io as never, repl: false, debug: false, timeout: 5000 });
  await new Promise<void>((resolve, reject) => {
    board.on('ready', () => resolve());
    board.on('error', reject);
  });
  return board;
}

/**
 * Advances a virtual clock in small steps, letting promises and next-tick callbacks run between them (johnny-five
 * drivers chain their set-up through promises).
 */
export async function runFor(clock: VirtualClock, ms: number, stepMs = 10): Promise<void> {
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  await settle();
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t));
    await settle();
  }
}

/** The part of johnny-five's Multi (missing from its type definitions) that a barometer chip exposes. */
export interface BarometerMulti {
  barometer: { pressure: number };
  thermometer: { celsius: number };
}

/** johnny-five's own Multi component for a BMP280/BME280 on `board`. */
export function barometerOn(board: five.Board, controller: 'BMP280' | 'BME280', address: number): BarometerMulti {
  const { Multi } = five as unknown as { Multi: new (options: object) => BarometerMulti };
  return new Multi({ board, controller, address });
}

/** The part of johnny-five's GPS (missing from its type definitions) the tests read. */
export interface GpsComponent {
  latitude: number;
  longitude: number;
  altitude: number;
  on(event: 'sentence', listener: (sentence: string) => void): void;
}

/** johnny-five's own GPS component on a serial port of `board`. */
export function gpsOn(board: five.Board, port = 0): GpsComponent {
  const { GPS } = five as unknown as { GPS: new (options: object) => GpsComponent };
  return new GPS({ board, port });
}

const open: Simulator[] = [];

/** A simulator of a scenario (defaults plus `overrides`) on a virtual clock; `closeSimulators` ends them all. */
export function simulated(overrides: object = {}): { sim: Simulator; clock: VirtualClock } {
  const clock = new VirtualClock();
  const sim = new Simulator(resolveScenario(overrides), clock);
  open.push(sim);
  return { sim, clock };
}

/** Closes every simulator `simulated` made (call it in afterEach). */
export function closeSimulators(): void {
  for (const sim of open.splice(0)) sim.close();
}
