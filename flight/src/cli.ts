/**
 * cansat-flight: the flight program. On the CanSat it runs at boot (see systemd/cansat-flight.service); with
 * --sim it flies against a simulator serving its board on a socket.
 */
import { cliOptions, readKeyFile } from '@cansat/protocol/node';
import { systemClock, type Clock } from './board/clock.ts';
import { loadIoPlugin } from './board/load-io-plugin.ts';
import { loadFlightConfig, type FlightConfig } from './config/flight-config.ts';
import { SerialRadio } from './radio/radio.ts';
import { XbeeApiRadio } from './radio/xbee-api-radio.ts';
import { FlightProgram } from './topology.ts';

const HELP = `usage: cansat-flight [options]

The CanSat flight program: reads the sensors, flies the mission, sends telemetry and obeys its own ground
station's signed commands.

options
  -c, --config PATH    flight config JSON (default: /etc/cansat/flight.json)
      --sim SOCKET     fly against a simulator's board (npm run sim:serve prints the socket)
      --io-plugin MOD  the johnny-five IO plugin module or file (overrides board.io)
      --radio PATH     the radio's serial port (overrides radio.path)
      --state-dir DIR  where the mission state and black box live (overrides stateDir)
      --key PATH       the command key file (overrides keyFile)
  -q, --quiet          print only problems
  -h, --help           this text

exit codes: 0 stopped by a signal; 1 it could not start (the board or the simulator did not answer);
2 bad options, config or key (nothing was flown)
`;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<number> {
  const parsed = cliOptions({
    options: {
      config: { type: 'string', short: 'c', default: '/etc/cansat/flight.json' },
      sim: { type: 'string' },
      'io-plugin': { type: 'string' },
      radio: { type: 'string' },
      'state-dir': { type: 'string' },
      key: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  let config: FlightConfig;
  let key: Uint8Array;
  try {
    config = await loadFlightConfig(values.config);
    if (values.radio) config.radio.path = values.radio;
    if (values['state-dir']) config.stateDir = values['state-dir'];
    if (values.key) config.keyFile = values.key;
    if (values.sim) config.board = { io: '@cansat/firmware-sim/remote-io', options: { socket: values.sim } };
    if (values['io-plugin']) config.board.io = values['io-plugin'];
  } catch (error) {
    process.stderr.write(`cansat-flight: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    key = config.wireFormat === 'binary' ? await readKeyFile(config.keyFile) : new Uint8Array(32);
  } catch (error) {
    process.stderr.write(`cansat-flight: ${values.key ? '--key' : `keyFile in ${values.config}`}: ${(error as Error).message}\n`);
    return 2;
  }
  const quiet = values.quiet;
  const report = (line: string) => {
    if (!quiet || /fail|cannot|unreadable|error|down|rejected|torn/i.test(line)) log(line);
  };

  // The last boundary: nothing may end the flight program in flight. Whatever escapes every other boundary is
  // reported and the program carries on.
  let escaped = 0;
  process.on('uncaughtException', (error) => {
    escaped++;
    log(`caught at the top (${escaped}): ${error.stack ?? String(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    escaped++;
    log(`caught at the top (${escaped}): ${String(reason)}`);
  });

  let io;
  try {
    io = await loadIoPlugin(config.board.io, config.board.options);
  } catch (error) {
    process.stderr.write(`cansat-flight: ${(error as Error).message}\n`);
    return 2;
  }
  // A simulator hands over its clock once connected; on the CanSat it is the system clock.
  if (!io.isReady) {
    const problem = await new Promise<Error | null>((resolve) => {
      io.once('ready', () => resolve(null));
      io.once('error', (error: Error) => resolve(error));
    });
    if (problem !== null) {
      const hint = values.sim ? 'start the simulator first (npm run sim:serve prints its socket)' : 'check the board and board.io in the config';
      process.stderr.write(`cansat-flight: the board did not answer: ${problem.message}; ${hint}\n`);
      return 1;
    }
  }
  const clock: Clock = io.clock ?? systemClock;
  const serial = new SerialRadio({ path: config.radio.path, baudRate: config.radio.baudRate, clock });
  const radio = config.radio.mode === 'transparent' ? serial : new XbeeApiRadio(serial, { escaped: config.radio.mode === 'api-escaped', protocol: config.radio.protocol, destination: config.radio.destination.toLowerCase() });
  const program = await FlightProgram.start({ config, io, radio, clock, key, log: report });
  log(`flying: team ${config.teamId}, ${config.wireFormat} telemetry, radio ${config.radio.path}${config.radio.mode === 'transparent' ? '' : ` (XBee ${config.radio.mode}, ${config.radio.protocol}, to ${config.radio.destination})`}`);
  if (config.radio.mode !== 'transparent' && config.radio.destination.toLowerCase() === '000000000000ffff') {
    log('radio.destination is 000000000000FFFF: telemetry is broadcast to every radio on the field; set it to the ground radio\'s SH and SL');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  program.stop();
  await radio.close();
  log('stopped');
  return 0;
}

process.exitCode = await main();
// Timers of the board and the radio would keep the process alive after a clean stop.
if (process.exitCode === 0) setTimeout(() => process.exit(0), 200).unref();
