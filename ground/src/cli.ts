/**
 * cansat-ground: the ground station. `live` receives, records and serves the dashboard; `replay` plays a recording
 * back through the same path; `ports` lists serial ports; `keygen` makes a team's command key.
 */
import { RADIO_MODULES, isRadioMode, radioModeError } from '@cansat/protocol';
import { linkBudget } from './commands/link-budget.ts';
import { radioCommand } from './commands/radio-check.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliOptions, generateKeyHex, readKeyFile } from '@cansat/protocol/node';
import { startLiveGround, type LiveGround, type LiveGroundOptions } from './live-ground.ts';
import { listPorts } from './receiver/ports.ts';
import { startReplay } from './replay/replay-ground.ts';
import { loadSimFile, type SimFile } from './uplink/sim-file.ts';
import { profileOf } from './ground-station.ts';
import { parseStationPosition, readTileFolder, type MapOptions } from './server/map-tiles.ts';
import { importRecording, type ImportedRecording } from './import/import-recording.ts';
import { isKitRecording } from './replay/recording.ts';
import { loadImportProfile, type ImportProfile } from './import/import-profiles.ts';
import { formatImport } from './import/summary-text.ts';
import { startHub } from './network/hub-ground.ts';
import { startEmbeddedBroker } from './network/embedded-broker.ts';
import { analyzeFlight, type MissionLimits } from './report/flight-analysis.ts';
import { loadFlight } from './report/flight-data.ts';
import { readMissionLimits } from './report/mission-limits.ts';
import { printPdf } from './report/pdf.ts';
import { reportPage } from './report/report-page.ts';
import { Value } from '@sinclair/typebox/value';
import { isLanguage, LANGUAGES, translatorFor } from '@cansat/protocol/i18n';
import { AlarmLimits } from '@cansat/protocol/station';

const DASHBOARD = new URL('../../web-dashboard/dist/', import.meta.url).pathname;

const HELP: Record<string, string> = {
  main: `usage: cansat-ground <command> [options]

commands
  live      receive from the radio, record, serve the dashboard, send commands
  replay    play a recording back to the dashboard (classrooms)
  import    turn any team's telemetry file into a kit recording
  report    a post-flight report of one or more recordings (HTML, and PDF)
  hub       merge what every ground station of the network hears into one flight (also: cansat-hub)
  broker    a small MQTT broker for a network on one computer or a classroom's network
  link-budget  the radio link's margin against range, from the radio's datasheet
  radio check  the two XBees' settings against the kit's checklist, before launch day
  ports     list the serial ports
  keygen    write a new command key for a team

cansat-ground <command> --help tells more.
`,
  live: `usage: cansat-ground live --port PATH --team ID [options]

options
  --port PATH          the radio's serial port (cansat-ground ports lists them)
  --baud N             baud rate (default 9600)
  --team ID            team number (required)
  --format F           binary (default), aas-2024, aas-2025 or aas-2026, another layout cansat-ground import
                       knows (aas-2026-teams…), or your team's layout file (.json: see import --help)
  --key PATH           command key file (64 hex digits); without it the station only listens
  --kind K             flight (default), rehearsal, simulation or simulator: names the recording
  --record DIR         where recordings go (default ./recordings)
  --new-session        start a new session; by default a station started again within an hour of a crash
                       (no clean stop) resumes the team's last session of the same kind: same folder, same
                       token, the flight so far reloaded
  --csv-year Y         AAS year of Flight_<TEAM_ID>.csv with the binary format (default 2025)
  --radio-mode M       the XBee's AP setting: transparent (default), api (AP=1) or api-escaped (AP=2);
                       in API mode each packet's signal strength (RSSI) is recorded and shown
  --radio-protocol P   in API mode, the module family: 802.15.4 (default: S1, XBee 3 802.15.4) or zigbee
                       (ZigBee, DigiMesh, 900HP, SX)
  --radio-destination A  in API mode, the CanSat radio's 64-bit address, SH then SL in hex
                       (default 000000000000FFFF: broadcast)
  --radio-module ID    the ground radio, for the signal's margin above its sensitivity (default xbee3;
                       cansat-ground link-budget --help lists them)
  --radio-antenna DBI  the ground antenna's gain, for the link budget the signal is held against (default 2.1)
  --radio-cable DB     the ground antenna's cable and connector loss (default 0.5)
  --sim-file PATH      the judges' simulated-pressure file (CMD,$,SIMP,<Pa> lines), for the SIMP player
  --force              fly a --sim-file whose pressures are outside 30-110 kPa
  --sim-period MS      ms between SIMP commands (default 1000, the competition's rate; less for a
                       simulated CanSat on a faster clock)
  --limits PATH        alarm bounds for the dashboards, JSON: { "voltage": { "yellow": { "min": 7 }, "red": { "min": 6.6 } } }
  --http-port N        dashboard port (default 8080; 0 picks one)
  --host H             listen address (default 127.0.0.1; 0.0.0.0 for a classroom network)
  --token T            operator token (default: a new one, printed)
  --dashboard DIR      serve this built dashboard (default: web-dashboard/dist)
  --tiles DIR          map tiles for the dashboard's map, DIR/<zoom>/<x>/<y>.png, prepared before
                       launch day (README: "Map tiles for the field"); without them, a grid with range rings
  --station-position LAT,LON
                       where this station stands (degrees): on the map, and distances measured from it
  --network URL        also publish every frame heard to the ground-station network's broker
                       (mqtt://host:1883 or mqtts://host:8883); the station records locally whatever happens
  --station ID         this station's id on the network (letters, digits, - and _; required with --network)
  --network-user U     its user on the broker; the password from --network-password-file F
  --network-ca F       the certificate authority of a broker with a certificate of its own (PEM), for mqtts://
  --clock C            how this laptop's clock is set: gps, ntp (default) or free
`,
  replay: `usage: cansat-ground replay FILE [options]

FILE is a session's radio.raw or Flight_<TEAM_ID>.csv, another team's telemetry file (read through
cansat-ground import first, its summary printed), or a folder of recordings (recordings/) to pick from in the
dashboard.

options
  --team ID            team number (default: from the recording)
  --format F           wire format of a CSV (default aas-2025)
  --speed X            0.25 to 64, or 0 for as fast as possible (default 1)
  --paused             start paused
  --http-port N        dashboard port (default 8080; 0 picks one)
  --host H             listen address (default 127.0.0.1)
  --token T            operator token (default: a new one, printed)
  --dashboard DIR      serve this built dashboard (default: web-dashboard/dist)
  --tiles DIR          map tiles for the dashboard's map (as for live)
  --station-position LAT,LON
                       where the station stood (degrees)
`,
  import: `usage: cansat-ground import FILE... [options]

Reads any team's telemetry file (any year's layout since 2021, with or without a header, quirks and all) and
writes a kit recording for each: OUT/<name>_team<id>/ with the kit's Flight_<TEAM_ID>.csv, the original file
untouched in original/, and import.json saying what was done. Rows that are not packets, and fields that
cannot be read, are counted with their reasons; exit 1 when a file yields nothing.

options
  --team ID            only this team's packets (default: the team most rows carry)
  --profile P          the file's layout: aas-2021-container, aas-2021-payload, aas-2022-container,
                       aas-2022-payload, aas-2023, aas-2024, aas-2025, aas-2026, aas-2026-teams, or a
                       JSON file of your own ({ "id", "description", "columns": [...], "states": [...] })
                       (default: the file's header, or the best fit of these for a file without one)
  --out DIR            where the recordings go (default recordings/imported)
  --json               the summaries as JSON, for scripts
`,
  report: `usage: cansat-ground report RECORDING... --out report.html [options]

A post-flight report for the Post-Flight Review and the classroom: one self-contained HTML page (works offline,
prints on A4) with the summary table (apogee, ascent and descent rates against the limits, release, landing,
packets, commands), what the data shows went wrong, and the plots. Several recordings are compared and overlaid.
A RECORDING is a session folder, a radio.raw, a Flight_<TEAM_ID>.csv, or any team's file (imported on the way).

options
  --out PATH           the HTML file to write (required)
  --pdf PATH           also print it to an A4 PDF (with the chromium the kit's scripts install)
  --lang CODE          its language: en (default), zh, fa, ur, ar, tr, th, es, id, bn or mn
  --limits PATH        your guide's limits, JSON: { "release": { "fraction": 0.75, "tolerance": 0.05 },
                       "descent": { "APOGEE": { "min": 10, "max": 20 }, "PROBE_RELEASE": { "min": 3, "max": 7 } },
                       "landingSpeed": { "max": 7 } } (default: the kit's release rule, 80 % of the peak)
  --json               the figures as JSON on stdout, for scripts
`,
  hub: `usage: cansat-ground hub --network URL [options]     (or: cansat-hub --network URL [options])

Subscribes to every station's receptions on the network's broker, merges each team's into one flight (each frame
once, whoever heard it), records it in ARCHIVE/team<id>/ as a station records one, and serves the dashboard of
the merged flight to viewers (nobody commands through the hub) and the archive's HTTP API (ground/README.md).

options
  --network URL        the broker: mqtt://host:1883 or mqtts://host:8883
  --network-user U     the hub's user on the broker; the password from --network-password-file F
  --network-ca F       the certificate authority of a broker with a certificate of its own (PEM), for mqtts://
  --archive DIR        where merged flights are kept (default recordings/network)
  --team ID            the team the dashboard shows (default: the first heard)
  --http-port N        dashboard and API port (default 8080; 0 picks one)
  --host H             listen address (default 127.0.0.1; 0.0.0.0 for a classroom network)
  --dashboard DIR      serve this built dashboard (default: web-dashboard/dist)
  --tiles DIR          map tiles for the dashboard's map
`,
  broker: `usage: cansat-ground broker [options]

An MQTT broker for the ground-station network, built in (nothing to install): for stations and a hub on one
computer or a classroom's network. It keeps nothing when stopped and has no passwords: a network shared between
schools uses mosquitto with a password file and an ACL (README, "A network of ground stations").

options
  --port N             listen port (default 1883; 0 picks one)
  --host H             listen address (default 127.0.0.1; 0.0.0.0 for a classroom network)
`,
  ports: 'usage: cansat-ground ports\n',
  keygen: 'usage: cansat-ground keygen --out PATH\n\nWrites a new random 32-byte command key (64 hex digits). Copy it to the CanSat over USB, never by radio.\n',
};

const fail = (message: string, code = 2) => {
  process.stderr.write(`cansat-ground: ${message}\n`);
  return code;
};

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

/** The options of the commands that serve the dashboard (live and replay). */
const SERVE_OPTIONS = {
  team: { type: 'string' },
  format: { type: 'string' },
  'http-port': { type: 'string', default: '8080' },
  host: { type: 'string', default: '127.0.0.1' },
  token: { type: 'string' },
  dashboard: { type: 'string', default: DASHBOARD },
  tiles: { type: 'string' },
  'station-position': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What SERVE_OPTIONS say, checked; a string says what is wrong. */
function serveOptions(values: { team?: string | undefined; format?: string | undefined; 'http-port': string; tiles?: string | undefined; 'station-position'?: string | undefined }): ({ httpPort: number; team: number | undefined } & MapOptions) | string {
  const httpPort = Number(values['http-port']);
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65_535) return `--http-port must be a port number, not "${values['http-port']}"`;
  const team = values.team === undefined ? undefined : Number(values.team);
  if (team !== undefined && !(Number.isInteger(team) && team >= 0 && team <= 65_535)) return `--team must be a number from 0 to 65535, not "${values.team}"`;
  const map: MapOptions = {};
  if (values['station-position'] !== undefined) {
    const position = parseStationPosition(values['station-position']);
    if (typeof position === 'string') return position;
    map.stationPosition = position;
  }
  try {
    profileOf(values.format ?? 'binary');
    if (values.tiles !== undefined) map.tiles = readTileFolder(values.tiles);
  } catch (error) {
    return (error as Error).message;
  }
  return { httpPort, team, ...map };
}

/** What is wrong with the network options, if anything. */
function networkProblem(values: { network?: string | undefined; station?: string | undefined; clock: string; 'network-password-file'?: string | undefined; 'network-ca'?: string | undefined }): string | null {
  if (!/^mqtts?:\/\/[^/]+$/.test(values.network ?? '')) return `--network must be mqtt://host:port or mqtts://host:port, not "${values.network}"`;
  if (!values.station) return '--network needs --station ID (this station\'s name on the network)';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(values.station)) return `--station must be 1-32 letters, digits, - or _, not "${values.station}"`;
  if (!['gps', 'ntp', 'free'].includes(values.clock)) return `--clock must be gps, ntp or free, not "${values.clock}"`;
  if (values['network-password-file'] && !existsSync(values['network-password-file'])) return `--network-password-file ${values['network-password-file']}: there is no such file`;
  if (values['network-ca'] && !existsSync(values['network-ca'])) return `--network-ca ${values['network-ca']}: there is no such file`;
  if (values['network-ca'] && !values.network?.startsWith('mqtts://')) return '--network-ca is for a broker reached over TLS: give --network mqtts://host:8883';
  return null;
}

/** The crew's alarm bounds from a JSON file; errors name the flag, the file and the field. */
function readLimits(path: string): AlarmLimits {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`--limits ${path}: ${code === 'ENOENT' ? 'there is no such file' : code ? code : `not valid JSON (${(error as Error).message})`}`);
  }
  const error = Value.Errors(AlarmLimits, json).First();
  if (error) throw new TypeError(`--limits ${path}: ${error.path.slice(1).replaceAll('/', '.') || '(top level)'}: ${error.message}`);
  return json as AlarmLimits;
}

/** Loads the judges' file and says what it holds. */
function readSimFile(path: string, force: boolean): SimFile {
  const simFile = loadSimFile(path, { force });
  for (const e of simFile.skipped) log(`${path}:${e.line}: ${e.reason} (skipped)`);
  const peak = Math.max(...simFile.profile);
  log(`${path}: ${simFile.pascals.length} SIMP lines (${simFile.pascals.length} s at one a second), peak ${peak.toFixed(0)} m after ${simFile.profile.indexOf(peak)} s`);
  return simFile;
}

/** Runs until Ctrl-C (or SIGTERM), then stops cleanly. */
async function untilStopped(stop: () => Promise<void>): Promise<number> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();
  return 0;
}

async function live(args: string[]): Promise<number> {
  const parsed = cliOptions({
    args,
    options: {
      ...SERVE_OPTIONS,
      port: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      key: { type: 'string' },
      kind: { type: 'string', default: 'flight' },
      record: { type: 'string', default: 'recordings' },
      'new-session': { type: 'boolean', default: false },
      network: { type: 'string' },
      station: { type: 'string' },
      'network-user': { type: 'string' },
      'network-password-file': { type: 'string' },
      'network-ca': { type: 'string' },
      clock: { type: 'string', default: 'ntp' },
      'csv-year': { type: 'string' },
      'radio-mode': { type: 'string', default: 'transparent' },
      'radio-protocol': { type: 'string', default: '802.15.4' },
      'radio-destination': { type: 'string', default: '000000000000FFFF' },
      'radio-module': { type: 'string', default: 'xbee3' },
      'radio-antenna': { type: 'string', default: '2.1' },
      'radio-cable': { type: 'string', default: '0.5' },
      'sim-file': { type: 'string' },
      force: { type: 'boolean', default: false },
      'sim-period': { type: 'string', default: '1000' },
      limits: { type: 'string' },
    },
  }, HELP['live']!);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const serve = serveOptions(values);
  if (typeof serve === 'string') return fail(serve);
  if (!values.port) return fail('live needs --port PATH (cansat-ground ports lists them)');
  if (serve.team === undefined) return fail('live needs --team ID');
  if (!['flight', 'rehearsal', 'simulation', 'simulator'].includes(values.kind)) return fail(`--kind must be flight, rehearsal, simulation or simulator, not "${values.kind}"`);
  const simPeriodMs = Number(values['sim-period']);
  if (!(simPeriodMs >= 10 && simPeriodMs <= 60_000)) return fail(`--sim-period must be from 10 to 60000 ms, not "${values['sim-period']}"`);
  let key: Uint8Array | null = null;
  let simFile: SimFile | undefined;
  let limits: AlarmLimits | undefined;
  try {
    if (values.limits) limits = readLimits(values.limits);
    if (values.key) key = await readKeyFile(values.key).catch((error: Error) => Promise.reject(new Error(`--key: ${error.message}`)));
    if (values['sim-file']) simFile = readSimFile(values['sim-file'], values.force);
  } catch (error) {
    return fail((error as Error).message);
  }
  const wireFormat = values.format ?? 'binary';
  const radioMode = values['radio-mode'];
  if (!isRadioMode(radioMode)) return fail(radioModeError('--radio-mode', radioMode));
  const radioProtocol = values['radio-protocol'];
  if (radioProtocol !== '802.15.4' && radioProtocol !== 'zigbee') return fail(`--radio-protocol must be 802.15.4 or zigbee, not "${radioProtocol}"`);
  if (!/^[0-9a-fA-F]{16}$/.test(values['radio-destination'])) return fail(`--radio-destination must be 16 hex digits (SH then SL), not "${values['radio-destination']}"`);
  const radioModule = RADIO_MODULES.find((r) => r.id === values['radio-module']);
  if (!radioModule) return fail(`--radio-module must be one of ${RADIO_MODULES.map((r) => r.id).join(', ')}, not "${values['radio-module']}"`);
  const antennaDbi = Number(values['radio-antenna']);
  const cableDb = Number(values['radio-cable']);
  if (!Number.isFinite(antennaDbi) || !Number.isFinite(cableDb)) return fail(`--radio-antenna and --radio-cable must be numbers (dBi, dB), not "${values['radio-antenna']}" and "${values['radio-cable']}"`);
  let network: LiveGroundOptions['network'];
  if (values.network) {
    const problem = networkProblem(values);
    if (problem) return fail(problem);
    network = {
      url: values.network,
      stationId: values.station!,
      clock: values.clock as 'ntp',
      ...(values['network-user'] ? { username: values['network-user'] } : {}),
      ...(values['network-password-file'] ? { password: readFileSync(values['network-password-file'], 'utf8').trim() } : {}),
      ...(values['network-ca'] ? { ca: readFileSync(values['network-ca'], 'utf8') } : {}),
      ...(values['network-ca'] ? { ca: readFileSync(values['network-ca'], 'utf8') } : {}),
      ...(serve.stationPosition ? { position: serve.stationPosition } : {}),
    };
  }
  let ground: LiveGround;
  try {
    ground = await startLiveGround({
    port: values.port,
    baudRate: Number(values.baud),
    teamId: serve.team,
    wireFormat,
    key,
    recordRoot: values.record,
    kind: values.kind as 'flight',
    newSession: values['new-session'],
    ...(network ? { network } : {}),
    httpPort: serve.httpPort,
    host: values.host,
    staticRoot: values.dashboard,
    log,
    ...(values.token ? { token: values.token } : {}),
    ...(values['csv-year'] ? { csvYear: Number(values['csv-year']) } : {}),
    radio: { mode: radioMode, protocol: radioProtocol, destination: values['radio-destination'].toLowerCase(), module: radioModule, antennaDbi, cableDb },
    ...(simFile ? { simFile, simPeriodMs } : {}),
    ...(limits ? { limits } : {}),
    ...(serve.tiles ? { tiles: serve.tiles } : {}),
    ...(serve.stationPosition ? { stationPosition: serve.stationPosition } : {}),
    });
  } catch (error) {
    return fail((error as Error).message, 1);
  }
  log(`recording to ${ground.session}`);
  log(`dashboard: ${ground.server.url}`);
  log(`operator token: ${ground.server.token}`);
  if (key === null && wireFormat === 'binary') log('no --key: listening only, commands cannot be sent');
  return untilStopped(() => ground.close());
}

async function replay(args: string[]): Promise<number> {
  const parsed = cliOptions({ args, allowPositionals: true, options: { ...SERVE_OPTIONS, speed: { type: 'string', default: '1' }, paused: { type: 'boolean', default: false } } }, HELP['replay']!);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const serve = serveOptions(values);
  if (typeof serve === 'string') return fail(serve);
  const file = positionals[0];
  if (!file) return fail('replay needs a FILE (a radio.raw or a CSV)');
  const speed = Number(values.speed);
  if (!(speed === 0 || (speed >= 0.25 && speed <= 64))) return fail(`--speed must be from 0.25 to 64, or 0 for as fast as possible; not "${values.speed}"`);
  // Another team's file goes through the importer first, into a folder that goes when the replay stops.
  let imported: ImportedRecording | null = null;
  if (existsSync(file) && statSync(file).isFile() && !values.format && !isKitRecording(file)) {
    const scratch = mkdtempSync(join(tmpdir(), 'cansat-replay-import-'));
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
    imported = await importRecording(file, { out: scratch, ...(serve.team !== undefined ? { teamId: serve.team } : {}) });
    process.stdout.write(formatImport(imported));
    if (!imported.csv) return fail(`${file}: nothing could be replayed: no row is a packet the importer can read`, 1);
  }
  const replayed = imported?.csv ?? file;
  try {
    const started = await startReplay({
      file: replayed,
      speed,
      paused: values.paused,
      httpPort: serve.httpPort,
      host: values.host,
      staticRoot: values.dashboard,
      ...(serve.team !== undefined ? { teamId: serve.team } : {}),
      ...(values.format ? { wireFormat: values.format } : {}),
      ...(values.token ? { token: values.token } : {}),
      ...(serve.tiles ? { tiles: serve.tiles } : {}),
      ...(serve.stationPosition ? { stationPosition: serve.stationPosition } : {}),
    });
    log(`replaying ${file} (${(started.duration / 1000).toFixed(0)} s)`);
    log(`dashboard: ${started.server.url}`);
    log(`operator token (for the replay controls): ${started.server.token}`);
    return untilStopped(() => started.close());
  } catch (error) {
    return fail((error as Error).message, 1);
  }
}

async function ports(args: string[]): Promise<number> {
  const parsed = cliOptions({ args, options: { help: { type: 'boolean', short: 'h', default: false } } }, HELP['ports']!);
  if (typeof parsed === 'number') return parsed;
  const found = await listPorts();
  process.stdout.write(found.length === 0 ? 'no serial ports found (is the radio plugged in?)\n' : `${found.map((p) => `${p.path}\t${p.description}`).join('\n')}\n`);
  return 0;
}

async function keygen(args: string[]): Promise<number> {
  const parsed = cliOptions({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }, HELP['keygen']!);
  if (typeof parsed === 'number') return parsed;
  const out = parsed.values.out;
  if (!out) return fail('keygen needs --out PATH');
  try {
    writeFileSync(out, `${generateKeyHex()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    return fail(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it exists (a key is never overwritten)' : (error as Error).message}`);
  }
  process.stdout.write(`wrote a new command key to ${out}; copy it to the CanSat's /etc/cansat/command.key over USB\n`);
  return 0;
}

async function importFiles(args: string[]): Promise<number> {
  const parsed = cliOptions(
    { args, allowPositionals: true, options: { team: { type: 'string' }, profile: { type: 'string' }, out: { type: 'string', default: join('recordings', 'imported') }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } },
    HELP['import']!,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return fail('import needs at least one FILE');
  const team = values.team === undefined ? undefined : Number(values.team);
  if (team !== undefined && !(Number.isInteger(team) && team > 0 && team <= 65_535)) return fail(`--team must be a number from 1 to 65535, not "${values.team}"`);
  let profile: ImportProfile | undefined;
  try {
    if (values.profile) profile = loadImportProfile(values.profile);
  } catch (error) {
    return fail((error as Error).message);
  }
  const results: ImportedRecording[] = [];
  for (const file of positionals) {
    if (!existsSync(file) || !statSync(file).isFile()) return fail(`${file}: no such file`);
    const result = await importRecording(file, { out: values.out, ...(team !== undefined ? { teamId: team } : {}), ...(profile ? { profile } : {}) });
    results.push(result);
    if (!values.json) process.stdout.write(formatImport(result));
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results.map(({ source, folder, csv, summary }) => ({ source, folder, csv, ...summary })), null, 2)}\n`);
  const empty = results.filter((r) => r.summary.rowsImported === 0);
  for (const r of empty) process.stderr.write(`cansat-ground: ${r.source}: nothing could be imported (${r.summary.rowsRead === 0 ? 'no rows at all' : Object.entries(r.summary.rowsDropped).map(([k, n]) => `${k} ${n}`).join(', ')})${r.summary.rowsDropped['no-team-id-column'] ? ': it has no TEAM_ID column, give the team with --team N' : ''}\n`);
  return empty.length > 0 ? 1 : 0;
}

async function report(args: string[]): Promise<number> {
  const parsed = cliOptions(
    { args, allowPositionals: true, options: { out: { type: 'string' }, pdf: { type: 'string' }, limits: { type: 'string' }, lang: { type: 'string', default: 'en' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } },
    HELP['report']!,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return fail('report needs at least one RECORDING');
  if (!values.out) return fail('report needs --out report.html');
  if (!isLanguage(values.lang)) return fail(`--lang must be one of ${LANGUAGES.map((l) => l.code).join(', ')}, not "${values.lang}"`);
  const words = translatorFor(values.lang);
  let limits: MissionLimits | undefined;
  try {
    if (values.limits) limits = readMissionLimits(values.limits);
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    const flights = [];
    for (const path of positionals) flights.push(await loadFlight(path));
    const analyses = flights.map((flight) => analyzeFlight(flight, limits));
    writeFileSync(values.out, reportPage(flights, analyses, new Date(), words));
    if (values.pdf) await printPdf(readFileSync(values.out, 'utf8'), values.pdf);
    if (values.json) process.stdout.write(`${JSON.stringify(analyses.map(({ times, verticalSpeed, ...figures }) => figures), null, 2)}\n`);
    else process.stdout.write(`wrote ${values.out}${values.pdf ? ` and ${values.pdf}` : ''}: ${analyses.map((a) => `${a.name} (apogee ${a.apogee ? `${a.apogee.altitude.toFixed(1)} m` : 'none'}, ${a.findings.length} findings)`).join(', ')}\n`);
    return 0;
  } catch (error) {
    return fail((error as Error).message, 1);
  }
}

async function hub(args: string[]): Promise<number> {
  const parsed = cliOptions(
    {
      args,
      options: {
        ...SERVE_OPTIONS,
        network: { type: 'string' },
        'network-user': { type: 'string' },
        'network-password-file': { type: 'string' },
        'network-ca': { type: 'string' },
        archive: { type: 'string', default: join('recordings', 'network') },
      },
    },
    HELP['hub']!,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const serve = serveOptions(values);
  if (typeof serve === 'string') return fail(serve);
  if (!values.network) return fail('hub needs --network URL (the broker: mqtt://host:1883)');
  const problem = networkProblem({ ...values, station: 'hub', clock: 'ntp' });
  if (problem) return fail(problem);
  try {
    const running = await startHub({
      url: values.network,
      archive: values.archive,
      httpPort: serve.httpPort,
      host: values.host,
      staticRoot: values.dashboard,
      log,
      ...(serve.team !== undefined ? { teamId: serve.team } : {}),
      ...(values['network-user'] ? { username: values['network-user'] } : {}),
      ...(values['network-password-file'] ? { password: readFileSync(values['network-password-file'], 'utf8').trim() } : {}),
      ...(serve.tiles ? { tiles: serve.tiles } : {}),
    });
    log(`dashboard: ${running.server.url}`);
    log(`archive API: ${running.server.url}api/flights`);
    return untilStopped(() => running.close());
  } catch (error) {
    return fail(`${(error as Error).message}`, 1);
  }
}

async function broker(args: string[]): Promise<number> {
  const parsed = cliOptions({ args, options: { port: { type: 'string', default: '1883' }, host: { type: 'string', default: '127.0.0.1' } } }, HELP['broker']!);
  if (typeof parsed === 'number') return parsed;
  const port = Number(parsed.values.port);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) return fail(`--port must be a port number, not "${parsed.values.port}"`);
  try {
    const running = await startEmbeddedBroker({ port, host: parsed.values.host, log });
    log(`broker: ${running.url} (stations: --network ${running.url})`);
    return untilStopped(() => running.close());
  } catch (error) {
    return fail(`broker: ${(error as Error).message}`, 1);
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { live, replay, import: importFiles, report, hub, broker, ports, keygen, 'link-budget': linkBudget, radio: radioCommand };

async function main([command, ...rest]: string[]): Promise<number> {
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(HELP['main']!);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) return fail(`unknown command "${command}"\n\n${HELP['main']}`);
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
if (process.exitCode === 0) setTimeout(() => process.exit(0), 200).unref();
