/**
 * npm start [-- options]: flies a complete simulated mission into the browser. It starts the simulator (physics,
 * chips, radio as a real pty pair), the flight program on the simulator's board, and the ground station on the
 * ground end of the radio with the dashboard; then, as an operator would, it sends CAL and CX ON. Ctrl-C stops
 * everything; the session's recording stays in recordings/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { cliOptions, generateKeyHex } from '@cansat/protocol/node';
import { isRadioMode, radioModeError } from '@cansat/protocol';

const ROOT = new URL('..', import.meta.url).pathname;
const HELP = `usage: npm start [-- options]

Flies a simulated CanSat mission and serves the live dashboard.

options
  --scenario NAME     simulator scenario (default nominal; npm run sim -- --list shows them)
  --seed N            random seed
  --team ID           team number (default 1234)
  --format F          binary (default), aas-2024, aas-2025 or aas-2026
  --rate HZ           telemetry rate, 1 to 10 (default 1)
  --http-port N       dashboard port (default 8080)
  --host H            listen address (default 127.0.0.1; 0.0.0.0 for other computers)
  --pad-wait S        seconds on the pad before ignition (default 30)
  --time-scale X      simulated seconds per real second (default 1)
  --sim-file PATH     fly a judges' simulated-pressure file in simulation mode instead of a launch
                      (the rocket stays on the pad; SIM ENABLE, SIM ACTIVATE, CX ON and the SIMP
                      player are started for you, one SIMP a second of simulated time)
  --no-auto           do not send CAL and CX ON: operate from the dashboard yourself
  --stations N        a ground-station network (1 to 3): N stations around the field hear the CanSat, each
                      through its own radio link, and publish to a broker built in; a hub merges them and
                      serves the merged flight at --http-port (the team's own station commands)
  --radio-mode M      the team's XBees in transparent (default), api or api-escaped mode: the flight
                      program and the ground station speak API frames, the dashboard shows each packet's RSSI
  -h, --help          this text
`;

const children: ChildProcess[] = [];
let stopping = false;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Why the dashboard must be built before it is served (never built, or its sources changed since), or null. */
function dashboardBuildStaleness(): string | null {
  const built = join(ROOT, 'web-dashboard/dist/index.html');
  if (!existsSync(built)) return 'first start only';
  const builtAt = statSync(built).mtimeMs;
  // The dashboard bundles its own code and the protocol it shares with the stations (messages included).
  for (const folder of ['web-dashboard/src', 'web-dashboard/index.html', 'protocol/src']) {
    const path = join(ROOT, folder);
    const files = statSync(path).isDirectory() ? readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f)) : [path];
    if (files.some((f) => statSync(f).mtimeMs > builtAt)) return `${folder} changed since the last build`;
  }
  return null;
}

/** Starts a Node program (`args` after node's own); resolves when a line of its output matches `ready`. */
function run(name: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let printed = '';
  return new Promise((resolve, reject) => {
    let buffered = '';
    let resolved = false;
    const onLine = (line: string) => {
      // What it said until it was ready (where it records, say); not a whole session's log.
      if (!resolved) printed += `${line}\n`;
      if (line.trim() !== '') say(`[${name}] ${line}`);
      const match = ready.exec(line);
      if (match && !resolved) {
        resolved = true;
        resolve({ child, match, output: printed });
      }
    };
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      if (!resolved) reject(new Error(`${name} stopped (exit ${code}) before it was ready`));
      else if (!stopping) say(`[${name}] stopped (exit ${code})`);
    });
  });
}

async function main(): Promise<number> {
  const parsed = cliOptions({
    options: {
      scenario: { type: 'string', default: 'nominal' },
      seed: { type: 'string' },
      team: { type: 'string', default: '1234' },
      format: { type: 'string', default: 'binary' },
      rate: { type: 'string', default: '1' },
      'http-port': { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'pad-wait': { type: 'string', default: '30' },
      'time-scale': { type: 'string', default: '1' },
      'sim-file': { type: 'string' },
      'no-auto': { type: 'boolean', default: false },
      stations: { type: 'string', default: '0' },
      'radio-mode': { type: 'string', default: 'transparent' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const rate = Number(values.rate);
  if (!(Number.isInteger(rate) && rate >= 1 && rate <= 10)) {
    process.stderr.write(`--rate must be a whole number from 1 to 10, not "${values.rate}"\n`);
    return 2;
  }
  const stationCount = Number(values.stations);
  if (!(Number.isInteger(stationCount) && stationCount >= 0 && stationCount <= 3)) {
    process.stderr.write(`--stations must be a whole number from 1 to 3, not "${values.stations}"\n`);
    return 2;
  }
  const radioMode = values['radio-mode'];
  if (!isRadioMode(radioMode)) {
    process.stderr.write(`${radioModeError('--radio-mode', radioMode)}\n`);
    return 2;
  }
  // The simulated radio is a pair of pseudo-terminals made by socat: install it if it is missing (as root).
  const socat = spawn('bash', [join(ROOT, 'scripts/install-system-deps.sh'), 'socat'], { stdio: 'inherit' });
  if ((await new Promise((resolve) => socat.once('exit', resolve))) !== 0) return 1;
  // The flight program and the ground station run from their bundles, as on launch day (a second to build);
  // the dashboard is built again only when its sources changed.
  const staleness = dashboardBuildStaleness();
  if (staleness) say(`building the dashboard (${staleness})…`);
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [join(ROOT, 'scripts/build.mjs'), ...(staleness ? [] : ['--no-dashboard'])], { cwd: ROOT, stdio: 'inherit' });
    build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit ${code})`))));
  });

  const work = mkdtempSync(join(tmpdir(), 'cansat-start-'));
  const keyFile = join(work, 'command.key');
  writeFileSync(keyFile, `${generateKeyHex()}\n`, { mode: 0o600 });
  const teamId = Number(values.team);
  const scenarioFile = join(work, 'scenario.json');
  const { loadScenario } = await import('@cansat/firmware-sim');
  const scenario = await loadScenario(values.scenario);
  const simFile = values['sim-file'];
  // Flying a judges' file, the rocket stays on the pad: the mission moves on the file's pressures alone.
  const padWait = simFile ? 24 * 3600 : Number(values['pad-wait']);
  writeFileSync(scenarioFile, JSON.stringify({ ...scenario, name: values.scenario, padWait, ...(values.seed ? { seed: Number(values.seed) } : {}) }));
  const flightConfig = join(work, 'flight.json');

  const token = randomBytes(8).toString('hex');
  mkdirSync(join(ROOT, 'recordings'), { recursive: true });

  const sim = await run(
    'sim',
    ['firmware-sim/bin/cansat-sim-serve.js', '--scenario', scenarioFile, '--time-scale', values['time-scale'], '--socket', join(work, 'sim.sock'), '--radio-cansat', join(work, 'radio-cansat'), '--radio-ground', join(work, 'radio-ground'), '--stations', String(stationCount), '--radio-mode', radioMode],
    /"ready":true/,
  );
  const ready = JSON.parse(sim.match.input!) as { stations: SimulatedStation[]; radioAddresses?: { cansat: string; ground: string } };
  const stations = ready.stations;
  // In API mode each program sends to the other's radio, as the simulator set their addresses.
  const api = radioMode !== 'transparent' && ready.radioAddresses ? ready.radioAddresses : null;
  writeFileSync(flightConfig, JSON.stringify({ teamId, keyFile, stateDir: join(work, 'state'), wireFormat: values.format, telemetryHz: rate, radio: { baudRate: scenario.radio.baud, ...(api ? { mode: radioMode, destination: api.ground } : {}) } }));
  // A network: the broker, then the hub (it listens before anyone publishes), each run a flight of its own.
  let network: { url: string; hubUrl: string } | null = null;
  if (stationCount > 0) {
    const broker = await run('broker', ['ground/bin/cansat-ground.js', 'broker', '--port', '0'], /broker: (\S+)/);
    const archive = join(ROOT, 'recordings', `network-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const hub = await run('hub', ['ground/bin/cansat-hub.js', '--network', broker.match[1]!, '--archive', archive, '--team', String(teamId), '--http-port', values['http-port'], '--host', values.host], /dashboard: (\S+)/);
    network = { url: broker.match[1]!, hubUrl: hub.match[1]! };
    hubArchive = archive;
  }
  await run('flight', ['flight/bin/cansat-flight.js', '-c', flightConfig, '--sim', join(work, 'sim.sock'), '--radio', join(work, 'radio-cansat')], /flying:/);
  // The team's own station (the only one with the key: it commands), then the others, which only listen.
  const groundArgs = (radio: string) => ['ground/bin/cansat-ground.js', 'live', '--port', radio, '--baud', String(scenario.radio.baud), '--team', String(teamId), '--format', values.format, '--kind', 'simulator', '--new-session', '--record', join(ROOT, 'recordings'), '--host', values.host];
  const networkArgs = (station: SimulatedStation) => ['--network', network!.url, '--station', station.id, '--station-position', `${station.latitude},${station.longitude},${station.altitude}`];
  const ground = await run(
    stations[0]?.id ?? 'ground',
    [
      ...groundArgs(join(work, 'radio-ground')),
      ...['--key', keyFile, '--token', token, '--http-port', network ? '0' : values['http-port']],
      ...(api ? ['--radio-mode', radioMode, '--radio-destination', api.cansat] : []),
      ...(network ? networkArgs(stations[0]!) : []),
      ...(simFile ? ['--sim-file', simFile, '--sim-period', String(1000 / Number(values['time-scale']))] : []),
    ],
    /dashboard: (\S+)/,
  );
  for (const station of stations.slice(1)) await run(station.id, [...groundArgs(station.radio), '--http-port', '0', ...networkArgs(station)], /dashboard: (\S+)/);
  const url = ground.match[1]!;
  recording = /recording to (\S+)/.exec(ground.output)?.[1] ?? null;
  say('');
  if (network) {
    say(`  merged flight:   ${network.hubUrl}   (the hub: ${stationCount} stations, anyone may watch)`);
    say(`  team's station:  ${url}   (operators command here)`);
  } else say(`  dashboard:       ${url}`);
  say(`  operator token:  ${token}`);
  if (simFile) say(`  ${values['no-auto'] ? 'enter the token, then SIM ENABLE, SIM ACTIVATE, CX ON and start the SIMP player' : 'SIM ENABLE, SIM ACTIVATE, CX ON and the SIMP player are started for you'}: the CanSat flies ${simFile}.`);
  else say(`  ${values['no-auto'] ? 'enter the token in the dashboard, then CAL and CX ON' : 'CAL and CX ON are sent for you'}; the rocket lifts off ${values['pad-wait']} s after start.`);
  say(`  Ctrl-C stops everything; the recording stays in ${recording ?? 'recordings/'}.`);
  say('');
  if (!values['no-auto']) await operate(url, token, simFile ? SIMULATION_MODE : LAUNCH);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}

/** A ground station the simulator placed on the field: its radio's tty and where it stands. */
interface SimulatedStation {
  id: string;
  radio: string;
  latitude: number;
  longitude: number;
  altitude: number;
}

type OperatorRequest = { type: 'command'; id: string; command: object; confirm?: boolean } | { type: 'sim-player'; action: 'start' };

/** What an operator does for a launch: CAL on the pad, then telemetry on. */
const LAUNCH: OperatorRequest[] = [
  { type: 'command', id: 'start-cal', command: { name: 'CAL' } },
  { type: 'command', id: 'start-cx', command: { name: 'CX', on: true } },
];

/** What an operator does to fly a judges' file: simulation mode, telemetry on, and the SIMP player. */
const SIMULATION_MODE: OperatorRequest[] = [
  { type: 'command', id: 'start-sim-enable', command: { name: 'SIM', action: 'ENABLE' } },
  { type: 'command', id: 'start-sim-activate', command: { name: 'SIM', action: 'ACTIVATE' }, confirm: true },
  { type: 'command', id: 'start-cx', command: { name: 'CX', on: true } },
  // The player itself waits until the CanSat has acknowledged both SIM commands.
  { type: 'sim-player', action: 'start' },
];

/** Sends `requests` through the dashboard's WebSocket as an operator, each once the one before has been answered. */
async function operate(url: string, token: string, requests: OperatorRequest[]): Promise<void> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const reply = (matches: (message: { type: string; id?: string; role?: string; status?: { id: string; state: string } }) => boolean) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, 10_000);
      function done() {
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve();
      }
      function onMessage(data: Buffer, isBinary: boolean) {
        if (!isBinary && matches(JSON.parse(String(data)) as never)) done();
      }
      socket.on('message', onMessage);
    });
  const authorised = reply((m) => m.type === 'role' && m.role === 'operator');
  socket.send(JSON.stringify({ type: 'auth', token }));
  await authorised;
  for (const request of requests) {
    const answered =
      request.type === 'command' ? reply((m) => (m.type === 'command' && m.status?.id === request.id && m.status.state !== 'sent') || (m.type === 'error' && m.id === request.id)) : Promise.resolve();
    socket.send(JSON.stringify(request));
    await answered;
  }
  socket.close();
}

async function stopAll(): Promise<void> {
  stopping = true;
  // The ground first, so its recording closes cleanly, then the flight program, then the simulator.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}

/** The session folder the (team's) ground station records into, once it said so. */
let recording: string | null = null;
/** The hub's archive of the merged flight, with a network. */
let hubArchive: string | null = null;

/** Where the flight was recorded, and how much of it, once everything has stopped. */
function sayWhatWasRecorded(): void {
  if (recording === null) return;
  const csv = readdirSync(recording).find((name) => /^Flight_\d+\.csv$/.test(name));
  if (csv === undefined) return;
  const rows = readFileSync(join(recording, csv), 'utf8').split('\r\n').filter((line) => line !== '').length - 1;
  say(`the recording is in ${recording}: ${rows} telemetry frames in ${csv}, every byte received in radio.raw`);
  if (hubArchive !== null) say(`the merged flight of every station is in ${hubArchive}`);
}

let code = 1;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`npm start: ${(error as Error).message}\n`);
}
await stopAll();
if (existsSync(recording ?? '')) sayWhatWasRecorded();
process.exit(code);
