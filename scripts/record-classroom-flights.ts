/**
 * npm run record:classroom: records the classroom flights in classroom/, with the kit itself: the flight program
 * flies a simulator scenario on the virtual clock, and the ground station records every byte the radio delivered.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '@cansat/firmware-sim';
import { simulatedFlight } from '../test/support/simulated-flight.ts';
import { GroundStation } from '@cansat/ground';

const ROOT = new URL('../classroom/', import.meta.url).pathname;
/** 2026-06-13 14:00 UTC, the simulated launch day. */
const EPOCH = Date.parse('2026-06-13T14:00:00Z');

for (const name of ['nominal', 'parachute-failure', 'high-wind']) {
  const folder = join(ROOT, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const scenario = await loadScenario(name);
  const flight = await simulatedFlight({ scenario: { ...scenario, padWait: 20 } });
  const station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: `simulator: ${name}`, record: { folder, kind: 'simulator' } });
  flight.groundBytes((bytes) => station.ingest(bytes, EPOCH + flight.clock.now()));
  await flight.run(2000);
  flight.send({ name: 'ST', time: 14 * 3600 });
  flight.send({ name: 'CAL' });
  flight.send({ name: 'CX', on: true });
  await flight.run(200_000);
  flight.stop();
  flight.sim.close();
  station.close();
  console.log(`${name}: ${station.telemetryCount} telemetry frames, ${station.events.length} events -> ${folder}`);
}
process.exit(0);
