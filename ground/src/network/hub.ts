import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import mqtt, { type MqttClient } from 'mqtt';
import { HUB_TOPIC, Presence, Reception, TOPIC_ROOT, type HubPresence } from '@cansat/protocol/network';
import { GroundStation } from '../ground-station.ts';
import { readRawLog } from '../recorder/raw-log.ts';
import { NetworkMerge } from './network-merge.ts';

/** Options of the hub. */
export interface HubOptions {
  /** mqtt://host:port or mqtts://host:port */
  url: string;
  username?: string;
  password?: string;
  /** The certificate authority that signed the broker's certificate (PEM), for mqtts:// to a broker of its own. */
  ca?: string;
  /** Where the merged flights are kept: `<archive>/team<id>/` (raw log, Flight_<TEAM_ID>.csv, stations/). */
  archive: string;
  log: (line: string) => void;
  /**
   * How long a frame after a gap waits for the missing ones before it joins the merged flight, ms (default 2000):
   * stations publish with different delays, and within this window the flight is put back in the order the
   * frames were received, not the order they reached the hub. A frame that follows without a gap joins at once.
   */
  reorderMs?: number;
  /** Told of each team's flight when the hub starts merging it. */
  onFlight?: (flight: HubFlight) => void;
}

/** One team's merged flight at the hub. */
export interface HubFlight {
  teamId: number;
  folder: string;
  merge: NetworkMerge;
  station: GroundStation;
  presence: Map<string, Presence>;
  /**
   * New frames waiting out the reorder window: their bytes, the station that heard them first and its time (ms, its
   * own clock), and when they reached the hub.
   */
  waiting: { bytes: Uint8Array; station: string; stationTime: number; arrivedAt: number; telemetryCount: number | null }[];
  /** The packet count of the last telemetry frame that joined the flight. */
  lastCount: number | null;
  /** Each station's open `stations/<id>.csv`. */
  receptionFiles: Map<string, number>;
}

/** The schemas as compiled checks: a publication is checked 100 times a second per station. */
const isReception = TypeCompiler.Compile(Reception);
const isPresence = TypeCompiler.Compile(Presence);

const RX = new RegExp(`^${TOPIC_ROOT}/(\\d{1,5})/(rx|status)/([A-Za-z0-9_-]{1,32})$`);
/** No frame of the kit is longer (a binary frame is 64 bytes; an AAS line under 1 KiB). */
const MAX_FRAME = 1024;

/**
 * The network's hub: subscribes to every station's receptions and presence, merges each team's receptions into
 * one flight (each frame once, whoever heard it), records it as a station records one (the same GroundStation:
 * raw log, Flight_<TEAM_ID>.csv, history), and keeps each station's receptions apart. A publication that is not a
 * reception, or claims another station's id, is counted by reason and dropped, never merged. It carries no
 * commands: only a team's own station commands its CanSat.
 */
export class Hub {
  readonly flights = new Map<number, HubFlight>();
  /** Publications dropped, by reason. */
  readonly dropped: Record<string, number> = {};
  private readonly client: MqttClient;
  private readonly releaser: NodeJS.Timeout;

  private constructor(private readonly o: HubOptions) {
    this.client = mqtt.connect(o.url, {
      // The same id after a restart (one per archive): the broker keeps what arrived meanwhile for this session.
      clientId: `cansat-hub-${createHash('sha256').update(resolve(o.archive)).digest('hex').slice(0, 12)}`,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
      ...(o.ca ? { ca: o.ca } : {}),
      reconnectPeriod: 1000,
      // A persistent session: what stations publish while the hub restarts waits for it at the broker.
      clean: false,
      // Gone, the broker says so for it: stations then keep their receptions on disk until it is back.
      will: { topic: HUB_TOPIC, payload: Buffer.from(JSON.stringify({ v: 1, online: false, at: Date.now() } satisfies HubPresence)), qos: 1, retain: true },
      keepalive: 10,
    });
    // Each (re)connection says the hub listens again: stations send what they kept meanwhile.
    this.client.on('connect', () => void this.client.publish(HUB_TOPIC, JSON.stringify({ v: 1, online: true, at: Date.now() } satisfies HubPresence), { qos: 1, retain: true }));
    this.client.on('message', (topic, payload) => this.receive(topic, payload));
    this.releaser = setInterval(() => this.release(), 100);
    this.releaser.unref();
    this.client.on('error', (error) => o.log(`hub: ${error.message}`));
    this.client.on('offline', () => o.log(`hub: ${o.url} unreachable; reconnecting`));
  }

  /** Connects and subscribes; resolves once the broker has the subscription. */
  static async start(o: HubOptions): Promise<Hub> {
    const hub = new Hub(o);
    await new Promise<void>((resolve, reject) => {
      hub.client.once('connect', () => resolve());
      hub.client.once('error', reject);
    });
    await hub.client.subscribeAsync([`${TOPIC_ROOT}/+/rx/+`, `${TOPIC_ROOT}/+/status/+`], { qos: 1 });
    // Only once subscribed: a station that sees the hub online sends at once.
    await hub.client.publishAsync(HUB_TOPIC, JSON.stringify({ v: 1, online: true, at: Date.now() } satisfies HubPresence), { qos: 1, retain: true });
    o.log(`hub: merging receptions from ${o.url} into ${o.archive}`);
    return hub;
  }

  private drop(reason: string): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
  }

  private receive(topic: string, payload: Buffer): void {
    const read = readPublication(topic, payload);
    if ('dropped' in read) return this.drop(read.dropped);
    const flight = this.flight(read.teamId);
    if ('presence' in read) {
      flight.presence.set(read.presence.station, read.presence);
      return;
    }
    const now = Date.now();
    const fresh = flight.merge.add(read.reception, read.bytes, now);
    this.keepReception(flight, read.reception, read.bytes.length);
    if (fresh) {
      flight.waiting.push({ bytes: fresh.bytes, station: fresh.station, stationTime: read.reception.receivedAt / 1000, arrivedAt: now, telemetryCount: fresh.telemetryCount });
      // The next in order joins at once: only a gap is waited out.
      this.release();
    }
  }

  /** Frames whose reorder window has passed join their flight, in the order they were received. */
  private release(all = false): void {
    const due = Date.now() - (this.o.reorderMs ?? 2000);
    for (const flight of this.flights.values()) {
      if (flight.waiting.length === 0) continue;
      // Each on the consensus clock as now estimated (a station's offset is better known by now than on arrival).
      const offsets = new Map<string, number>();
      const time = (frame: HubFlight['waiting'][number]) => {
        if (!offsets.has(frame.station)) offsets.set(frame.station, flight.merge.offsetOf(frame.station));
        return frame.stationTime - offsets.get(frame.station)!;
      };
      flight.waiting.sort((a, b) => time(a) - time(b));
      // Everything up to the last frame that has waited long enough (what came before it in time cannot wait longer).
      let last = -1;
      flight.waiting.forEach((frame, i) => {
        if (all || frame.arrivedAt <= due) last = i;
      });
      // Then, at once, each frame that follows the flight without a gap (the next packet count, or no count).
      for (let i = last + 1; i < flight.waiting.length; i++) {
        const count = flight.waiting[i]!.telemetryCount;
        const previous = i > 0 ? flight.waiting[i - 1]!.telemetryCount : flight.lastCount;
        if (count !== null && previous !== null && count !== previous + 1) break;
        if (count !== null && previous === null && flight.lastCount !== null && count !== flight.lastCount + 1) break;
        last = i;
      }
      for (const frame of flight.waiting.splice(0, last + 1)) {
        flight.station.ingest(frame.bytes, time(frame));
        // A late frame takes its place in the flight; the flight's end stays where it was.
        if (frame.telemetryCount !== null) flight.lastCount = Math.max(flight.lastCount ?? 0, frame.telemetryCount);
      }
    }
  }

  /** A team's merged flight, created on its first reception, or resumed from the archive after a restart. */
  flight(teamId: number): HubFlight {
    let flight = this.flights.get(teamId);
    if (flight) return flight;
    const folder = join(this.o.archive, `team${teamId}`);
    const resume = existsSync(join(folder, 'radio.raw'));
    mkdirSync(join(folder, 'stations'), { recursive: true });
    const merge = new NetworkMerge();
    if (resume) for (const chunk of readRawLog(join(folder, 'radio.raw')).chunks) merge.remember(chunk.bytes);
    // In the CanSat's order, whenever a frame reached the hub (a station's backlog minutes late).
    const station = new GroundStation({ teamId, wireFormat: 'binary', source: 'network', record: { folder, kind: 'flight', resume }, order: 'count' });
    station.connected(true);
    flight = { teamId, folder, merge, station, presence: new Map(), waiting: [], lastCount: station.telemetryEnds()?.last.data.packetCount ?? null, receptionFiles: new Map() };
    // Each reception was kept before the broker had its acknowledgement: they rebuild the stations' figures, and a
    // frame the hub had not yet written into the flight when it stopped joins it now.
    if (resume) for (const { reception, bytes } of readKeptReceptions(join(folder, 'stations'))) {
      const fresh = merge.add(reception, bytes, Date.now());
      if (fresh) flight.waiting.push({ bytes, station: fresh.station, stationTime: reception.receivedAt / 1000, arrivedAt: 0, telemetryCount: fresh.telemetryCount });
    }
    this.flights.set(teamId, flight);
    this.o.log(`hub: ${resume ? 'resumed' : 'new'} flight of team ${teamId} in ${folder}`);
    this.o.onFlight?.(flight);
    return flight;
  }

  /** Each station's receptions, apart: when, how strong, decoded or not, late or not. */
  private keepReception(flight: HubFlight, reception: Reception, size: number): void {
    const line = `${new Date(reception.receivedAt / 1000).toISOString()},${reception.receivedAt},${reception.clock},${reception.rssi ?? ''},${reception.decoded ? 1 : 0},${reception.backfill ? 1 : 0},${size},${reception.frame}\n`;
    try {
      // One open file a station (a write a reception, not an open, a write and a close: the hub's busiest path).
      let fd = flight.receptionFiles.get(reception.station);
      if (fd === undefined) flight.receptionFiles.set(reception.station, (fd = openSync(join(flight.folder, 'stations', `${reception.station}.csv`), 'a')));
      writeSync(fd, line);
    } catch (error) {
      this.o.log(`hub: cannot record ${reception.station}'s reception (${(error as Error).message})`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.releaser);
    this.release(true);
    if (this.client.connected) await this.client.publishAsync(HUB_TOPIC, JSON.stringify({ v: 1, online: false, at: Date.now() } satisfies HubPresence), { qos: 1, retain: true }).catch(() => {});
    await this.client.endAsync();
    for (const flight of this.flights.values()) {
      flight.station.close();
      for (const fd of flight.receptionFiles.values()) closeSync(fd);
    }
  }
}

/** What a publication on the network is, or why it is dropped. */
export type Publication =
  | { teamId: number; reception: Reception; bytes: Buffer }
  | { teamId: number; presence: Presence }
  | { dropped: 'bad-topic' | 'not-json' | 'bad-presence' | 'bad-reception' | 'spoofed' | 'bad-frame' };

/**
 * Reads one publication: its topic (team, kind, station), its JSON against the schema, the station it claims
 * against the topic's (a station publishes under its own id only; the broker's ACL enforces it, this checks too),
 * and a reception's frame. Pure.
 */
export function readPublication(topic: string, payload: Buffer): Publication {
  const match = RX.exec(topic);
  if (!match) return { dropped: 'bad-topic' };
  const teamId = Number(match[1]);
  const stationId = match[3]!;
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { dropped: 'not-json' };
  }
  if (match[2] === 'status') {
    if (!isPresence.Check(json)) return { dropped: 'bad-presence' };
    return json.station === stationId ? { teamId, presence: json } : { dropped: 'spoofed' };
  }
  if (!isReception.Check(json)) return { dropped: 'bad-reception' };
  if (json.station !== stationId) return { dropped: 'spoofed' };
  const bytes = Buffer.from(json.frame, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_FRAME) return { dropped: 'bad-frame' };
  return { teamId, reception: json, bytes };
}

/** The receptions a hub kept in `stations/<id>.csv` (time, µs, clock, rssi, decoded, backfill, size, frame). */
function* readKeptReceptions(folder: string): Generator<{ reception: Reception; bytes: Buffer }> {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const match = /^([A-Za-z0-9_-]{1,32})\.csv$/.exec(name);
    if (!match) continue;
    for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) {
      const [, micros, clock, rssi, decoded, backfill, , frame] = line.split(',');
      if (frame === undefined) continue;
      const reception = { v: 1, station: match[1]!, receivedAt: Number(micros), clock, decoded: decoded === '1', backfill: backfill === '1', frame, ...(rssi ? { rssi: Number(rssi) } : {}) };
      // A torn last line (the hub killed while writing it) is passed over.
      if (!isReception.Check(reception)) continue;
      yield { reception, bytes: Buffer.from(frame, 'base64') };
    }
  }
}
