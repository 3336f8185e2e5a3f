import { GroundStation, type StationMessage } from '../ground-station.ts';
import { GroundServer } from '../server/ground-server.ts';
import type { Hello, ReplayStatus } from '../server/ws-messages.ts';
import { loadRecording } from './recording.ts';
import { ReplayEngine } from './replay-engine.ts';

/** Options of a replay station. */
export interface ReplayOptions {
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
  engine: ReplayEngine;
  server: GroundServer;
  duration: number;
  /** The station being fed (a new one after a seek backwards). */
  station(): GroundStation;
  close(): Promise<void>;
}

/**
 * A classroom replay: the recording's bytes go through the same GroundStation (decode, stats, history) as live
 * reception, marked as a replay, to the same server. Nothing is recorded and no command goes anywhere.
 */
export async function startReplay(o: ReplayOptions): Promise<ReplayGround> {
  const recording = loadRecording(o.file, o.wireFormat);
  const teamId = o.teamId ?? recording.teamId;
  if (teamId === null) throw new Error(`${o.file}: no team id in the recording; give --team`);
  let server: GroundServer | null = null;
  let status: ReplayStatus = { source: o.file, playing: false, speed: o.speed, position: 0, duration: recording.duration, finished: false };
  const newStation = () => {
    const s = new GroundStation({ teamId, wireFormat: recording.wireFormat, source: o.file, replay: true });
    s.connected(true);
    s.on('message', (message: StationMessage) => {
      if (message.type !== 'ack') server?.broadcast(message);
    });
    return s;
  };
  let station = newStation();
  const engine = new ReplayEngine(
    recording,
    {
      // Receive times are the recording's own, so the replayed history reads like the live one.
      chunk: (bytes, at) => station.ingest(bytes, recording.startedAt + at),
      restart: () => {
        station = newStation();
      },
      status: (s) => {
        status = { ...s, source: o.file };
        server?.broadcast({ type: 'replay', status });
      },
    },
    o.speed,
  );
  const hello = (role: Hello['role']): Hello => ({
    type: 'hello',
    role,
    teamId,
    wireFormat: recording.wireFormat,
    mode: 'replay',
    session: null,
    telemetry: station.telemetryColumns(),
    events: station.events,
    commands: [],
    link: station.linkStats(recording.startedAt + status.position),
    replay: status,
    simPlayer: { state: 'idle', sent: 0, total: 0, detail: 'not in a replay' },
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
      if (request.action === 'play') engine.play();
      else if (request.action === 'pause') engine.pause();
      else if (request.action === 'step') engine.step();
      else if (request.action === 'speed') engine.setSpeed(request.value ?? 1);
      else if (request.action === 'seek') {
        engine.seek(request.value ?? 0);
        s.rehello();
      }
    } catch (error) {
      reply({ type: 'error', code: 'malformed', message: (error as Error).message });
    }
  });
  if (!o.paused) engine.play();
  return {
    engine,
    server,
    duration: recording.duration,
    station: () => station,
    async close() {
      engine.close();
      await s.close();
    },
  };
}
