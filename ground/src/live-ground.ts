import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { encodeXbeeFrame, xbeeTransmitFrames, type RadioModule, type XbeeTransmitOptions } from '@cansat/protocol';
import { GroundStation } from './ground-station.ts';
import type { RadioMode } from './recorder/raw-log.ts';
import { SerialReceiver } from './receiver/serial-receiver.ts';
import { createSessionFolder, findResumableSession, writeSessionRecord, type SessionKind, type SessionRecord } from './recorder/session.ts';
import { GroundServer, type Welcome } from './server/ground-server.ts';
import { mapSetup, type MapOptions } from './server/map-tiles.ts';
import type { AlarmLimits, Hello, LinkStats, ServerMessage } from '@cansat/protocol/station';
import { CommandUplink } from './uplink/command-uplink.ts';
import { FrameTap } from './network/frame-tap.ts';
import { StationLink, type StationLinkOptions } from './network/station-link.ts';
import { CounterStore } from './uplink/counter-store.ts';
import { simFileInfo, type SimFile } from './uplink/sim-file.ts';
import { SimPlayer } from './uplink/sim-player.ts';

/** Options of a live ground station. */
export interface LiveGroundOptions extends MapOptions {
  port: string;
  baudRate: number;
  teamId: number;
  wireFormat: string;
  /** The team's command key (binary format); without it the station only listens. */
  key: Uint8Array | null;
  /** Folder of all recordings; each session gets its own inside. */
  recordRoot: string;
  kind: SessionKind;
  /** Start a new session even when the last one stopped uncleanly less than an hour ago (default: resume it). */
  newSession?: boolean;
  /** Publish every frame heard to the ground-station network (an addition: the station records locally anyway). */
  network?: Omit<StationLinkOptions, 'teamId' | 'storeFolder' | 'log'>;
  httpPort: number;
  host: string;
  token?: string;
  staticRoot?: string;
  csvYear?: number;
  /** The radio's mode: transparent (default), or XBee API frames addressed to the CanSat's radio. */
  radio?: { mode: RadioMode; protocol: XbeeTransmitOptions['protocol']; destination: string; module?: RadioModule; antennaDbi?: number; cableDb?: number };
  /** Alarm bounds for the dashboards. */
  limits?: AlarmLimits;
  /** The judges' simulated-pressure file, for the simulation-mode player. */
  simFile?: SimFile;
  /** ms between the player's SIMP commands; default 1000 (the competition's rate), less for a CanSat on a faster simulated clock. */
  simPeriodMs?: number;
  log: (line: string) => void;
}

/** A running ground station: radio, recording, server, uplink. */
export interface LiveGround {
  station: GroundStation;
  server: GroundServer;
  receiver: SerialReceiver;
  uplink: CommandUplink;
  session: string;
  /** Whether this start resumed a session that had stopped without a clean stop. */
  resumed: boolean;
  close(): Promise<void>;
}

/** Starts reception, recording, the dashboard server and the command uplink. */
export async function startLiveGround(o: LiveGroundOptions): Promise<LiveGround> {
  // A station that crashed mid-flight and is started again carries on with the same flight.
  const decision = o.newSession ? ({ resume: false, why: '--new-session' } as const) : findResumableSession(o.recordRoot, o.kind, o.teamId, o.wireFormat);
  const session = decision.resume ? decision.folder : createSessionFolder(o.recordRoot, o.kind, o.teamId);
  /** A start that fails leaves nothing behind: no empty recording, and a resumed one untouched. */
  const abandon = () => decision.resume || rmSync(session, { recursive: true, force: true });
  let station: GroundStation;
  try {
    station = new GroundStation({ teamId: o.teamId, wireFormat: o.wireFormat, source: o.port, record: { folder: session, kind: o.kind, resume: decision.resume }, ...(o.csvYear ? { csvYear: o.csvYear } : {}), ...(o.radio ? { radioMode: o.radio.mode } : {}), ...(o.radio?.module ? { sensitivityDbm: o.radio.module.rates[0]!.sensitivityDbm } : {}) });
  } catch (error) {
    abandon();
    throw error;
  }
  const receiver = new SerialReceiver({ path: o.port, baudRate: o.baudRate });
  // In API mode, commands go to the CanSat's radio as transmit requests.
  const api = o.radio && o.radio.mode !== 'transparent' ? { escaped: o.radio.mode === 'api-escaped', protocol: o.radio.protocol, destination: o.radio.destination } : null;
  const ids = { last: 0 };
  const writeRadio = (bytes: Uint8Array) => (api ? xbeeTransmitFrames(bytes, api, ids).every((frame) => receiver.write(frame)) : receiver.write(bytes));
  // The uplink and the player report before the server is up: to no one, then.
  let server: GroundServer | null = null;
  const broadcast = (message: ServerMessage) => server?.broadcast(message);
  const uplink = new CommandUplink({
    teamId: o.teamId,
    format: o.wireFormat === 'binary' ? 'binary' : 'aas',
    key: o.key,
    counters: new CounterStore(join(o.recordRoot, 'command-counter')),
    write: (bytes) => writeRadio(bytes),
    historyPath: join(session, 'commands.jsonl'),
    onStatus: (status) => {
      broadcast({ type: 'command', status });
      player.observe(status);
      if (status.command.name === 'RATE' && (status.state === 'acked' || status.state === 'echoed')) station.expectRate(status.command.hz);
    },
  });
  const player = new SimPlayer({
    pressures: o.simFile?.pascals ?? [],
    ...(o.simPeriodMs ? { periodMs: o.simPeriodMs } : {}),
    send: (id, command) => uplink.send(id, command, true),
    onStatus: (status) => broadcast({ type: 'sim-player', status }),
  });
  /** The link's figures, with the viewers' skipped messages. */
  const linkStats = (): LinkStats => ({ ...station.linkStats(Date.now()), viewerSkips: server?.skipped ?? 0 });
  const simFile = o.simFile ? simFileInfo(o.simFile) : null;
  const hello = (role: Hello['role']): Welcome =>
    station.welcome({ role, teamId: o.teamId, wireFormat: o.wireFormat, mode: 'live', session, commands: uplink.statuses, link: linkStats(), replay: null, simPlayer: player.status, simFile, limits: o.limits ?? {}, map: mapSetup(o), network: null, ...(api && o.radio?.module ? { radio: { module: o.radio.module.id, antennaDbi: o.radio.antennaDbi ?? 2.1, cableDb: o.radio.cableDb ?? 0.5 } } : {}) });
  try {
    // The crew's token survives a restart: the dashboards they have open go on working.
    const token = o.token ?? (decision.resume ? decision.record.token : undefined);
    server = await GroundServer.listen({ port: o.httpPort, host: o.host, hello, log: o.log, ...(token ? { token } : {}), ...(o.staticRoot ? { staticRoot: o.staticRoot } : {}), ...(o.tiles ? { tilesRoot: o.tiles.root } : {}) });
  } catch (error) {
    // A start that fails leaves nothing behind: no open port, no empty recording.
    uplink.close();
    await receiver.close();
    station.close();
    abandon();
    throw error;
  }
  const s = server;
  const startedAt = Date.now();
  let record: SessionRecord;
  if (decision.resume) {
    const lastRecordedAt = startedAt - decision.downMs;
    record = { ...decision.record, token: s.token, gaps: [...decision.record.gaps, { lastRecordedAt, resumedAt: startedAt }] };
    o.log(`resuming ${session}: it stopped without a clean stop ${Math.round(decision.downMs / 1000)} s ago; ${station.resumed?.telemetry ?? 0} telemetry frames and ${uplink.statuses.length} commands reloaded, the recording continues (--new-session starts a new one)`);
  } else {
    record = { version: 1, kind: o.kind, teamId: o.teamId, wireFormat: o.wireFormat, startedAt, token: s.token, stoppedAt: null, gaps: [] };
    o.log(`new session ${session}${o.newSession ? '' : ` (${decision.why})`}`);
  }
  writeSessionRecord(session, record);
  s.handle(operatorRequests(uplink, player));
  // The network gets each frame exactly as received; its store lives beside the recordings.
  const link = o.network ? new StationLink({ ...o.network, teamId: o.teamId, storeFolder: join(o.recordRoot, 'network-backlog', o.network.stationId), log: o.log }) : null;
  const tap = link ? new FrameTap(o.wireFormat === 'binary' ? 'binary' : 'aas') : null;
  // What the radio carried (in API mode, out of its frames, with each packet's RSSI) goes to the network.
  if (link && tap) station.on('carried', (bytes, receivedAt, rssi) => {
    for (const frame of tap.push(bytes)) link.heard(frame, receivedAt, rssi ?? undefined);
  });
  receiver.on('data', (bytes, receivedAt) => station.ingest(bytes, receivedAt));
  // Frames without an RSSI (ZigBee, DigiMesh): the module's DB says the last packet's.
  if (api) station.on('ask-rssi', () => receiver.write(encodeXbeeFrame({ kind: 'atCommand', frameId: 0xdb, command: 'DB', parameter: new Uint8Array() }, api.escaped)));
  receiver.on('status', ({ connected, detail }) => {
    o.log(detail);
    station.connected(connected);
    s.broadcast({ type: 'link', stats: linkStats() });
  });
  station.on('message', (message) => {
    uplink.observe(message);
    if (message.type !== 'ack') s.broadcast(message);
  });
  station.on('record-error', (error) => o.log(`recording failed (reception goes on): ${error.message}`));
  const linkTimer = setInterval(() => s.broadcast({ type: 'link', stats: linkStats() }), 1000);
  linkTimer.unref();
  return {
    station,
    server: s,
    receiver,
    uplink,
    session,
    resumed: decision.resume,
    async close() {
      clearInterval(linkTimer);
      player.control('stop');
      uplink.close();
      await receiver.close();
      await link?.close();
      await s.close();
      station.close();
      // A session that never heard the CanSat nor sent it anything (a wrong port, a radio never plugged in)
      // leaves no empty folder behind.
      if (station.linkStats(Date.now()).bytes === 0 && uplink.statuses.length === 0) {
        rmSync(session, { recursive: true, force: true });
        o.log(`nothing was received: the empty session ${session} was removed`);
      } else {
        // A clean stop: the next start begins a new session.
        writeSessionRecord(session, { ...record, stoppedAt: Date.now() });
      }
    },
  };
}

/** What a live station does with an operator's request: commands go up, the player is played; no replay here. */
function operatorRequests(uplink: CommandUplink, player: SimPlayer): Parameters<GroundServer['handle']>[0] {
  return (request, reply) => {
    if (request.type === 'command') {
      const result = uplink.send(request.id, request.command, request.confirm ?? false);
      if ('code' in result) reply({ type: 'error', code: result.code, message: result.message, id: request.id });
    } else if (request.type === 'sim-player') {
      const problem = player.control(request.action);
      if (problem) reply({ type: 'error', code: 'not-available', message: problem });
    } else {
      reply({ type: 'error', code: 'not-available', message: 'this station is live: replay controls work in cansat-ground replay' });
    }
  };
}
