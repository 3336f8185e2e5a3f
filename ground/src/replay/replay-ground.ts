import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GroundStation } from '../ground-station.ts';
import { GroundServer, type Welcome } from '../server/ground-server.ts';
import { mapSetup, type MapOptions } from '../server/map-tiles.ts';
import type { Hello, LinkStats, ReplayStatus, ServerMessage } from '@cansat/protocol/station';
import { loadRecording, type Recording } from './recording.ts';
import { ReplayEngine } from './replay-engine.ts';

/** Options of a replay station. */
export interface ReplayOptions extends MapOptions {
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
        // An imported recording keeps the team's file as it was in original/: its Flight_<TEAM_ID>.csv is the one to play.
        if (depth < 2 && name !== 'original') visit(path, depth + 1);
      } else if (name === 'radio.raw' || name.toLowerCase().endsWith('.csv')) {
        found.push(relative(folder, path));
      }
    }
  };
  visit(folder, 0);
  return found.reverse();
}

/** One recording being replayed: the station its bytes go through (decode, stats, history), its engine, and where it is. */
class ReplaySession {
  readonly recording: Recording;
  readonly teamId: number;
  readonly engine: ReplayEngine;
  station: GroundStation;
  status: ReplayStatus;

  constructor(
    file: string,
    readonly source: string,
    private readonly recordings: string[],
    private readonly options: Pick<ReplayOptions, 'speed' | 'teamId' | 'wireFormat' | 'tiles' | 'stationPosition'>,
    private readonly broadcast: (message: ServerMessage) => void,
  ) {
    const recording = (this.recording = loadRecording(file, options.wireFormat));
    const teamId = options.teamId ?? recording.teamId;
    if (teamId === null) throw new Error(`${file}: no team id in the recording; give --team`);
    this.teamId = teamId;
    this.status = { source, recordings, playing: false, speed: options.speed, position: 0, duration: recording.duration, finished: false };
    this.station = this.newStation();
    this.engine = new ReplayEngine(
      recording,
      {
        // Receive times are the recording's own, so the replayed history reads like the live one.
        chunk: (bytes, at) => this.station.ingest(bytes, recording.startedAt + at),
        restart: () => (this.station = this.newStation()),
        status: (status) => {
          this.status = { ...status, source, recordings };
          broadcast({ type: 'replay', status: this.status });
        },
      },
      options.speed,
    );
  }

  /** The link's figures at the recording's own time. */
  linkStats(viewerSkips: number): LinkStats {
    return { ...this.station.linkStats(this.recording.startedAt + this.status.position), viewerSkips };
  }

  hello(role: Hello['role'], viewerSkips: number): Welcome {
    return this.station.welcome({
      role,
      teamId: this.teamId,
      wireFormat: this.recording.wireFormat,
      mode: 'replay',
      session: null,
      commands: [],
      link: this.linkStats(viewerSkips),
      replay: this.status,
      simPlayer: { state: 'idle', sent: 0, total: 0, detail: 'not in a replay' },
      simFile: null,
      limits: {},
      map: mapSetup(this.options),
      network: null,
    });
  }

  private newStation(): GroundStation {
    const station = new GroundStation({ teamId: this.teamId, wireFormat: this.recording.wireFormat, radioMode: this.recording.radioMode, source: this.source, replay: true });
    station.connected(true);
    station.on('message', (message) => {
      if (message.type !== 'ack') this.broadcast(message);
    });
    return station;
  }
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
  const open = (file: string) => new ReplaySession(file, folder ? relative(folder, file) : file, recordings, o, (message) => server?.broadcast(message));
  let session = open(folder ? join(folder, recordings[0]!) : o.file);
  const skips = () => server?.skipped ?? 0;
  server = await GroundServer.listen({
    port: o.httpPort,
    host: o.host,
    hello: (role) => session.hello(role, skips()),
    ...(o.token ? { token: o.token } : {}),
    ...(o.staticRoot ? { staticRoot: o.staticRoot } : {}),
    ...(o.tiles ? { tilesRoot: o.tiles.root } : {}),
  });
  const s = server;
  server.handle((request, reply) => {
    if (request.type !== 'replay') {
      reply({ type: 'error', code: 'not-available', message: 'this is a replay: nothing can be sent to a CanSat' });
      return;
    }
    try {
      if (request.action !== 'open') {
        control(session.engine, request.action, request.value);
        if (request.action === 'seek') s.rehello();
        return;
      }
      // Only a recording the server listed: a client never names a path of its own.
      if (!folder || request.file === undefined || !recordings.includes(request.file) || !existsSync(join(folder, request.file))) {
        reply({ type: 'error', code: 'not-available', message: `no recording "${request.file ?? ''}" here` });
        return;
      }
      const next = open(join(folder, request.file));
      session.engine.close();
      session = next;
      s.rehello();
    } catch (error) {
      // A speed or position the engine cannot take is out of its range; anything else the request could not mean.
      reply({ type: 'error', code: error instanceof RangeError ? 'out-of-range' : 'malformed', message: (error as Error).message });
    }
  });
  // Link figures as the live station sends them, at the recording's own time.
  const linkTimer = setInterval(() => s.broadcast({ type: 'link', stats: session.linkStats(skips()) }), 1000);
  linkTimer.unref();
  if (!o.paused) session.engine.play();
  return {
    engine: () => session.engine,
    server,
    duration: session.recording.duration,
    station: () => session.station,
    async close() {
      clearInterval(linkTimer);
      session.engine.close();
      await s.close();
    },
  };
}

/** Plays, pauses, steps, sets the speed or seeks, as the teacher asked. */
function control(engine: ReplayEngine, action: 'play' | 'pause' | 'step' | 'speed' | 'seek', value: number | undefined): void {
  if (action === 'play') engine.play();
  else if (action === 'pause') engine.pause();
  else if (action === 'step') engine.step();
  else if (action === 'speed') engine.setSpeed(value ?? 1);
  else engine.seek(value ?? 0);
}
