/**
 * Runs a scenario live for a flight program in another process: the simulated board on a Unix socket (for
 * RemoteSimIO) and the radio as two real pseudo-terminals. Prints one JSON line when ready, then the world's
 * events, and runs until stopped.
 */
import { address64, isRadioMode, radioModeError } from '@cansat/protocol';
import { cliOptions } from '@cansat/protocol/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScaledClock } from './clock-scaled.ts';
import { PtyRadioLink } from './radio/pty-radio-link.ts';
import { SIMULATED_RADIOS, simulatedXbeePair } from './radio/simulated-xbee.ts';
import { Random } from './random.ts';
import { SimServer } from './remote/sim-server.ts';
import { loadScenario, type GroundSite, type Scenario } from './scenario.ts';
import { EXAMPLE_SITES, linkMarginDb, packetLossAtMargin } from './radio/ground-sites.ts';
import { placeNear } from './world.ts';
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
  --stations N          N ground stations on the field, each hearing the CanSat through its own link (loss
                        from its distance, antenna and surroundings; its own deaf spell): the scenario's
                        stations, else up to 3 examples. The first is the team's (--radio-ground, it
                        commands); the others receive only, at PATH-<id> beside it
  --radio-mode M        the XBees' AP setting at both ends of the team's link: transparent (default), api or
                        api-escaped; in API mode the ground radio's receive frames carry the RSSI the link
                        budget gives at the can's place (the station's antenna, the range, the fading)
  -h, --help            this text
`;

/** The team's two XBees in API mode `apiMode`; the ground's RSSI from the link budget at the can's place, with its fading. */
function xbeePair(apiMode: 1 | 2, site: GroundSite, scenario: Scenario, sim: Simulator) {
  const random = new Random(scenario.seed + 99);
  return simulatedXbeePair(apiMode, { rssiAt: () => linkMarginDb(site, scenario.radio, sim.world.vehicle) + scenario.radio.sensitivityDbm + random.gaussian(scenario.radio.fadingDb) });
}

async function main(): Promise<number> {
  const parsed = cliOptions({
    options: {
      scenario: { type: 'string', default: 'nominal' },
      seed: { type: 'string' },
      'time-scale': { type: 'string', default: '1' },
      socket: { type: 'string' },
      'radio-cansat': { type: 'string' },
      'radio-ground': { type: 'string' },
      stations: { type: 'string', default: '0' },
      'radio-mode': { type: 'string', default: 'transparent' },
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
  const stationCount = Number(values.stations);
  const sites = (scenario.stations.length > 0 ? scenario.stations : EXAMPLE_SITES).slice(0, stationCount);
  if (!(Number.isInteger(stationCount) && stationCount >= 0 && sites.length === stationCount)) {
    process.stderr.write(`--stations must be a whole number from 0 to ${Math.max(scenario.stations.length, EXAMPLE_SITES.length)}, not "${values.stations}"\n`);
    return 2;
  }
  const radioMode = values['radio-mode'];
  if (!isRadioMode(radioMode)) {
    process.stderr.write(`${radioModeError('--radio-mode', radioMode)}\n`);
    return 2;
  }
  const stamp = `${process.pid}-${Date.now()}`;
  const clock = new ScaledClock(Date.now(), scale);
  const sim = new Simulator(scenario, clock);
  const server = await SimServer.listen(sim, clock, values.socket ?? join(tmpdir(), `cansat-sim-${stamp}.sock`));
  const ms = (afterIgnition: number) => (scenario.padWait + afterIgnition) * 1000;
  const groundPath = values['radio-ground'] ?? join(tmpdir(), `cansat-radio-ground-${stamp}`);
  // The CanSat's own blackouts silence every station; a station's own, only it.
  const linkOf = (site?: GroundSite) => ({ ...scenario.radio, blackouts: [...scenario.radio.blackouts, ...(site?.blackouts ?? [])].map((b) => ({ from: ms(b.from), to: ms(b.to) })) });
  const lossAt = (site: GroundSite) => () => packetLossAtMargin(linkMarginDb(site, scenario.radio, sim.world.vehicle), scenario.radio.fadingDb);
  const stations = sites.map((site, i) => ({ site, path: i === 0 ? groundPath : `${groundPath}-${site.id}`, ...placeNear(scenario.launchSite, site.north, site.east), altitude: scenario.launchSite.elevation + site.height }));
  const link = await PtyRadioLink.open({
    cansatPath: values['radio-cansat'] ?? join(tmpdir(), `cansat-radio-cansat-${stamp}`),
    groundPath,
    link: linkOf(sites[0]),
    random: new Random(scenario.seed + 1),
    ...(sites[0] ? { lossAt: lossAt(sites[0]) } : {}),
    listeners: stations.slice(1).map(({ site, path }, i) => ({ path, link: linkOf(site), random: new Random(scenario.seed + 2 + i), lossAt: lossAt(site) })),
    clock,
    ...(radioMode === 'transparent' ? {} : { xbee: xbeePair(radioMode === 'api' ? 1 : 2, sites[0] ?? EXAMPLE_SITES[0]!, scenario, sim) }),
  });
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      scenario: scenario.name,
      socket: server.path,
      cansatRadio: link.path('cansat'),
      groundRadio: link.path('ground'),
      radioMode,
      ...(radioMode === 'transparent' ? {} : { radioAddresses: { cansat: address64(SIMULATED_RADIOS.cansat), ground: address64(SIMULATED_RADIOS.ground) } }),
      stations: stations.map(({ site, path, latitude, longitude, altitude }) => ({ id: site.id, radio: path, latitude, longitude, altitude })),
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
