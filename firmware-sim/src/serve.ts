/**
 * Runs a scenario live for a flight program in another process: the simulated board on a Unix socket (for
 * RemoteSimIO) and the radio as two real pseudo-terminals. Prints one JSON line when ready, then the world's
 * events, and runs until stopped.
 */
import { cliOptions } from '@cansat/protocol/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScaledClock } from './clock-scaled.ts';
import { PtyRadioLink } from './radio/pty-radio-link.ts';
import { Random } from './random.ts';
import { SimServer } from './remote/sim-server.ts';
import { loadScenario } from './scenario.ts';
import { Simulator } from './simulator.ts';

const HELP = `usage: npm run sim:serve -- [options]

Flies a scenario in real (or accelerated) time for a flight program in another process.

options
  --scenario NAME|PATH  a bundled scenario or a scenario .json file (default: nominal)
  --seed N              random seed (default: the scenario's)
  --time-scale X        simulated seconds per real second (default: 1)
  --socket PATH         the board's Unix socket (default: a temporary path)
  --radio-cansat PATH   the CanSat's radio tty (default: a temporary path)
  --radio-ground PATH   the ground station's radio tty (default: a temporary path)
  -h, --help            this text
`;

async function main(): Promise<number> {
  const parsed = cliOptions({
    options: {
      scenario: { type: 'string', default: 'nominal' },
      seed: { type: 'string' },
      'time-scale': { type: 'string', default: '1' },
      socket: { type: 'string' },
      'radio-cansat': { type: 'string' },
      'radio-ground': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const scale = Number(values['time-scale']);
  if (!(scale > 0 && scale <= 100)) {
    process.stderr.write(`--time-scale must be a number from 0 to 100, not "${values['time-scale']}"\n`);
    return 2;
  }
  let scenario: Awaited<ReturnType<typeof loadScenario>>;
  try {
    scenario = await loadScenario(values.scenario);
  } catch (error) {
    process.stderr.write(`sim:serve: ${(error as Error).message}\n`);
    return 1;
  }
  if (values.seed !== undefined) scenario = { ...scenario, seed: Number(values.seed) };
  const stamp = `${process.pid}-${Date.now()}`;
  const clock = new ScaledClock(Date.now(), scale);
  const sim = new Simulator(scenario, clock);
  const server = await SimServer.listen(sim, clock, values.socket ?? join(tmpdir(), `cansat-sim-${stamp}.sock`));
  const ms = (afterIgnition: number) => (scenario.padWait + afterIgnition) * 1000;
  const link = await PtyRadioLink.open({
    cansatPath: values['radio-cansat'] ?? join(tmpdir(), `cansat-radio-cansat-${stamp}`),
    groundPath: values['radio-ground'] ?? join(tmpdir(), `cansat-radio-ground-${stamp}`),
    link: { ...scenario.radio, blackouts: scenario.radio.blackouts.map((b) => ({ from: ms(b.from), to: ms(b.to) })) },
    random: new Random(scenario.seed + 1),
    clock,
  });
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      scenario: scenario.name,
      socket: server.path,
      cansatRadio: link.path('cansat'),
      groundRadio: link.path('ground'),
      epoch: clock.epoch,
      scale,
      ignitionAt: scenario.padWait,
      resets: scenario.resets.map((t) => scenario.padWait + t),
    })}\n`,
  );
  let reported = 0;
  const events = setInterval(() => {
    for (const event of sim.world.events.slice(reported)) {
      process.stdout.write(`T${sim.world.missionTime >= 0 ? '+' : ''}${(event.t - scenario.padWait).toFixed(1)} s  ${event.altitude.toFixed(0).padStart(5)} m  ${event.what}\n`);
    }
    reported = sim.world.events.length;
  }, 200);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(events);
  sim.close();
  await server.close();
  await link.close();
  return 0;
}

process.exitCode = await main();
