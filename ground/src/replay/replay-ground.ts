import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GroundStation, type StationMessage } from '../ground-station.ts';
import { GroundServer, type Welcome } from '../server/ground-server.ts';
import type { Hello, LinkStats, ReplayStatus } from '@cansat/protocol/station';
import { loadRecording, type Recording } from './recording.ts';
import { ReplayEngine } from './replay-engine.ts';

/** Options of a replay station. */
export interface ReplayOptions {
  /** A recording (a session's radio.raw, or a CSV), or a folder of them to pick from. */
  file: string;
  speed: number;
  paused: boolean;
  httpPort: number;
  host: string;
  teamId?: number;
  wireFormat?: string;
  token?: string;
  staticRoot?: string;
}

/** A running replay: the engine, the server. */
export interface ReplayGround {
  engine(): ReplayEngine;
  server: GroundServer;
  duration: number;
  /** The station being fed (a new one after a seek backwards or another recording). */
  station(): GroundStation;
  close(): Promise<void>;
}

/** The recordings in a folder: each session's radio.raw, and CSV files, by their path inside it. */
export function listRecordings(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (depth < 2) visit(path, depth + 1);
      } else if (name === 'radio.raw' || name.toLowerCase().endsWith('.csv')) {
        found.push(relative(folder, path));
      }
    }
  };
  visit(folder, 0);
  return found.reverse();
}

/**
 * A classroom replay: the recording's bytes go through the same GroundStation (decode, stats, history) as live
 * reception, marked as a replay, to the same server. Nothing is recorded and no command goes anywhere. Given a
 * folder, the teacher picks the recording from the dashboard.
 */
export async function startReplay(o: ReplayOptions): Promise<ReplayGround> {
  const folder = statSync(o.file).isDirectory() ? o.file : null;
  const recordings = folder ? listRecordings(folder) : [];
  if (folder && recordings.length === 0) throw new Error(`${o.file}: no recordings in it (radio.raw or .csv files)`);
  let server: GroundServer | null = null;
  // Set by load(), which runs before anything reads them.
  let status!: ReplayStatus;
  let station!: GroundStation;
  let engine: ReplayEngine | null = null;
  let recording!: Recording;
  let teamId!: number;

  const load = (file: string) => {
    recording = loadRecording(file, o.wireFormat);
    const team = o.teamId ?? recording.teamId;
    if (team === null) throw new Error(`${file}: no team id in the recording; give --team`);
    teamId = team;
    engine?.close();
    const source = folder ? relative(folder, file) : file;
    status = { source, recordings, playing: false, speed: o.speed, position: 0, duration: recording.duration, finished: false };
    const newStation = () => {
      const s = new GroundStation({ teamId, wireFormat: recording.wireFormat, source, replay: true });
      s.connected(true);
      s.on('message', (message: StationMessage) => {
        if (message.type !== 'ack') server?.broadcast(message);
      });
      return s;
    };
    station = newStation();
    engine = new ReplayEngine(
      recording,
      {
        // Receive times are the recording's own, so the replayed history reads like the live one.
        chunk: (bytes, at) => station.ingest(bytes, recording.startedAt + at),
        restart: () => {
          station = newStation();
        },
        status: (s) => {
          status = { ...s, source, recordings };
          server?.broadcast({ type: 'replay', status });
        },
      },
      o.speed,
    );
  };
  load(folder ? join(folder, recordings[0]!) : o.file);
  const current = () => engine!;

  /** The link's figures at the recording's own time, with the viewers' skipped messages. */
  const linkStats = (): LinkStats => ({ ...station.linkStats(recording.startedAt + status.position), viewerSkips: server?.skipped ?? 0 });
  const hello = (role: Hello['role']): Welcome =>
    station.welcome({
      role,
      teamId,
      wireFormat: recording.wireFormat,
      mode: 'replay',
      session: null,
      commands: [],
      link: linkStats(),
      replay: status,
      simPlayer: { state: 'idle', sent: 0, total: 0, detail: 'not in a replay' },
      simFile: null,
      limits: {},
    });
  server = await GroundServer.listen({ port: o.httpPort, host: o.host, hello, ...(o.token ? { token: o.token } : {}), ...(o.staticRoot ? { staticRoot: o.staticRoot } : {}) });
  const s = server;
  server.handle((request, reply) => {
    if (request.type !== 'replay') {
      reply({ type: 'error', code: 'not-available', message: 'this is a replay: nothing can be sent to a CanSat' });
      return;
    }
    try {
      if (request.action === 'play') current().play();
      else if (request.action === 'pause') current().pause();
      else if (request.action === 'step') current().step();
      else if (request.action === 'speed') current().setSpeed(request.value ?? 1);
      else if (request.action === 'seek') {
        current().seek(request.value ?? 0);
        s.rehello();
      } else if (request.action === 'open') {
        // Only a recording the server listed: a client never names a path of its own.
        if (!folder || request.file === undefined || !recordings.includes(request.file) || !existsSync(join(folder, request.file))) {
          reply({ type: 'error', code: 'not-available', message: `no recording "${request.file ?? ''}" here` });
          return;
        }
        load(join(folder, request.file));
        s.rehello();
      }
    } catch (error) {
      // A speed or position the engine cannot take is out of its range; anything else the request could not mean.
      reply({ type: 'error', code: error instanceof RangeError ? 'out-of-range' : 'malformed', message: (error as Error).message });
    }
  });
  // Link figures as the live station sends them, at the recording's own time.
  const linkTimer = setInterval(() => s.broadcast({ type: 'link', stats: linkStats() }), 1000);
  linkTimer.unref();
  if (!o.paused) current().play();
  return {
    engine: current,
    server,
    duration: recording.duration,
    station: () => station,
    async close() {
      clearInterval(linkTimer);
      current().close();
      await s.close();
    },
  };
}
