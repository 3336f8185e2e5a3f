import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { HUB_TOPIC, presenceTopic, receptionTopic, type HubPresence, type Presence, type Reception } from '@cansat/protocol/network';
import type { TappedFrame } from './frame-tap.ts';

/** Options of a station's link to the network. */
export interface StationLinkOptions {
  /** mqtt://host:port or mqtts://host:port */
  url: string;
  teamId: number;
  stationId: string;
  username?: string;
  password?: string;
  /** The certificate authority that signed the broker's certificate (PEM), for mqtts:// to a broker of its own. */
  ca?: string;
  /** How this station's clock is set. */
  clock: Reception['clock'];
  position?: Presence['position'];
  /** Folder of the backlog kept while the broker cannot be reached. */
  storeFolder: string;
  /** Largest backlog, bytes; default 64 MiB (about 300,000 receptions: a day at 1 Hz, 8 hours at 10 Hz). */
  maxStoreBytes?: number;
  /** ms between presence messages; default 10,000. */
  statusIntervalMs?: number;
  log: (line: string) => void;
}

/** What the link has done, for the console and the presence messages. */
export interface StationLinkCounts {
  heard: number;
  rejected: number;
  published: number;
  backfilled: number;
  queued: number;
  /** Receptions lost because the backlog was full. */
  storeFull: number;
}

const BACKLOG = 'backlog.jsonl';
const DRAINING = 'backlog.draining.jsonl';

/**
 * Publishes every frame this station hears to the network (QoS 1, exactly as received, with its reception's
 * metadata), says the station is there (retained presence every 10 s, a last will saying it is gone), and keeps
 * receptions on disk while the broker is unreachable, publishing them, marked as backfill, when it is back. The
 * station records locally whatever happens here: the network is an addition, never a dependency.
 */
export class StationLink {
  readonly counts: StationLinkCounts = { heard: 0, rejected: 0, published: 0, backfilled: 0, queued: 0, storeFull: 0 };
  private readonly client: MqttClient;
  private readonly topic: string;
  private readonly statusTimer: NodeJS.Timeout;
  private draining = false;
  private storeBytes = 0;
  /** Whether a hub listens: receptions are sent only then, kept on disk otherwise (nothing goes to nobody). */
  private hubOnline = false;

  constructor(private readonly o: StationLinkOptions) {
    this.topic = receptionTopic(o.teamId, o.stationId);
    mkdirSync(o.storeFolder, { recursive: true });
    for (const name of [DRAINING, BACKLOG]) {
      const path = join(o.storeFolder, name);
      if (existsSync(path)) {
        this.storeBytes += statSync(path).size;
        this.counts.queued += readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
      }
    }
    this.client = mqtt.connect(o.url, {
      clientId: `cansat-station-${o.teamId}-${o.stationId}`,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
      ...(o.ca ? { ca: o.ca } : {}),
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      keepalive: 10,
      will: { topic: presenceTopic(o.teamId, o.stationId), payload: Buffer.from(JSON.stringify(this.presence(false))), qos: 1, retain: true },
    });
    // An error is said once, not at every reconnection attempt (a wrong password would fill the console every second).
    let lastError = '';
    this.client.on('connect', () => {
      lastError = '';
      o.log(`network: connected to ${o.url} as station ${o.stationId}`);
      this.announce(true);
      void this.client.subscribeAsync(HUB_TOPIC, { qos: 1 }).catch(() => {});
    });
    this.client.on('message', (topic, payload) => {
      if (topic !== HUB_TOPIC) return;
      try {
        this.hubOnline = (JSON.parse(payload.toString('utf8')) as HubPresence).online === true;
      } catch {
        this.hubOnline = false;
      }
      if (this.hubOnline && this.counts.queued > 0) {
        o.log(`network: the hub listens; sending the ${this.counts.queued} receptions kept meanwhile`);
        void this.drain();
      }
    });
    this.client.on('close', () => (this.hubOnline = false));
    this.client.on('offline', () => o.log(`network: ${o.url} unreachable; receptions are kept on disk until it is back (recording goes on)`));
    this.client.on('error', (error) => {
      if (error.message !== lastError) o.log(`network: ${error.message}${/authori[sz]|password/i.test(error.message) ? ' (check --network-user and --network-password-file)' : ''}`);
      lastError = error.message;
    });
    this.statusTimer = setInterval(() => this.announce(true), o.statusIntervalMs ?? 10_000);
    this.statusTimer.unref();
  }

  /** Whether the broker has the station now. */
  get connected(): boolean {
    return this.client.connected;
  }

  /** A frame this station heard at `receivedAt` (ms since the epoch). */
  heard(frame: TappedFrame, receivedAt: number, rssi?: number): void {
    this.counts.heard++;
    if (!frame.decoded) this.counts.rejected++;
    const reception: Reception = {
      v: 1,
      station: this.o.stationId,
      receivedAt: Math.round(receivedAt * 1000),
      clock: this.o.clock,
      decoded: frame.decoded,
      ...(rssi === undefined ? {} : { rssi }),
      backfill: false,
      frame: Buffer.from(frame.bytes).toString('base64'),
    };
    // In order: nothing goes straight out while older receptions wait on disk.
    if (this.client.connected && this.hubOnline && !this.draining && this.counts.queued === 0) this.send(reception);
    else this.keep(reception);
  }

  private send(reception: Reception): void {
    this.client.publish(this.topic, JSON.stringify(reception), { qos: 1 }, (error) => {
      if (error) this.keep(reception);
      else if (reception.backfill) this.counts.backfilled++;
      else this.counts.published++;
    });
  }

  /** Keeps a reception on disk for later; counts it lost when the backlog is full. */
  private keep(reception: Reception): void {
    const line = `${JSON.stringify({ ...reception, backfill: true })}\n`;
    if (this.storeBytes + line.length > (this.o.maxStoreBytes ?? 64 << 20)) {
      this.counts.storeFull++;
      return;
    }
    try {
      appendFileSync(join(this.o.storeFolder, BACKLOG), line);
      this.storeBytes += line.length;
      this.counts.queued++;
    } catch (error) {
      this.counts.storeFull++;
      this.o.log(`network: cannot keep a reception on disk (${(error as Error).message})`);
    }
  }

  /** Publishes the backlog, oldest first, each acknowledged before the next; what is left stays for next time. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const draining = join(this.o.storeFolder, DRAINING);
        if (!existsSync(draining)) {
          const backlog = join(this.o.storeFolder, BACKLOG);
          if (!existsSync(backlog)) break;
          renameSync(backlog, draining);
        }
        const lines = readFileSync(draining, 'utf8').split('\n').filter(Boolean);
        let sent = 0;
        for (const line of lines) {
          if (!this.client.connected || !this.hubOnline) {
            // Interrupted: what was not acknowledged stays for next time.
            writeFileSync(draining, lines.slice(sent).map((l) => `${l}\n`).join(''));
            return;
          }
          await this.client.publishAsync(this.topic, line, { qos: 1 });
          sent++;
          this.counts.queued--;
          this.counts.backfilled++;
        }
        rmSync(draining);
        this.storeBytes = Math.max(0, this.storeBytes - lines.reduce((n, l) => n + l.length + 1, 0));
        if (sent === 0) break;
      }
    } catch (error) {
      this.o.log(`network: backfill paused (${(error as Error).message}); it resumes when the broker is back`);
    } finally {
      this.draining = false;
    }
  }

  private presence(online: boolean): Presence {
    return { v: 1, station: this.o.stationId, online, at: Date.now(), heard: this.counts.heard, rejected: this.counts.rejected, queued: this.counts.queued, ...(this.o.position ? { position: this.o.position } : {}) };
  }

  private announce(online: boolean): void {
    if (this.client.connected) this.client.publish(presenceTopic(this.o.teamId, this.o.stationId), JSON.stringify(this.presence(online)), { qos: 1, retain: true });
  }

  /** Says the station is gone (a clean stop, not a crash) and closes the connection. */
  async close(): Promise<void> {
    clearInterval(this.statusTimer);
    if (this.client.connected) await this.client.publishAsync(presenceTopic(this.o.teamId, this.o.stationId), JSON.stringify(this.presence(false)), { qos: 1, retain: true }).catch(() => {});
    await this.client.endAsync();
  }
}
