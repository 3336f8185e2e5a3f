import { CounterUnwrapper, type Message } from '@cansat/protocol';
import type { LinkStats } from '@cansat/protocol/station';

/**
 * Counts what the link carried: bytes, frames, frames lost (gaps in each message type's packet count), rejections
 * by reason, the telemetry rate over the last 10 s, and whether the link is stale (no frame for twice the
 * expected telemetry period). Pure: time comes in as arguments.
 */
export class LinkStatsCounter {
  private readonly stats: LinkStats;
  private readonly counters = new Map<string, CounterUnwrapper>();
  private readonly lastCount = new Map<string, number>();
  /** Telemetry arrival times; those before `recentStart` have left the 10 s window. */
  private recent: number[] = [];
  private recentStart = 0;

  constructor(source: string, expectedPeriodMs = 1000) {
    this.stats = { connected: false, source, bytes: 0, framesReceived: 0, framesLost: 0, rejected: {}, frameRate: 0, lastFrameAt: null, stale: true, expectedPeriodMs, recordErrors: 0, viewerSkips: 0, rssi: null, sensitivityDbm: null };
  }

  connected(connected: boolean): void {
    this.stats.connected = connected;
  }

  bytes(count: number): void {
    this.stats.bytes += count;
  }

  reject(reason: string): void {
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
  }

  /** A message arrived at `now` (ms); returns its full packet count (unwrapped from the 16 bits on the wire). */
  message(message: Pick<Message, 'type' | 'packetCount'>, now: number, wrapped = true): number {
    this.stats.framesReceived++;
    this.stats.lastFrameAt = now;
    let count = message.packetCount;
    if (wrapped) {
      let unwrapper = this.counters.get(message.type);
      if (!unwrapper) this.counters.set(message.type, (unwrapper = new CounterUnwrapper(16)));
      count = unwrapper.unwrap(message.packetCount);
    }
    const last = this.lastCount.get(message.type);
    if (last !== undefined && count > last + 1) this.stats.framesLost += count - last - 1;
    if (last === undefined || count > last) this.lastCount.set(message.type, count);
    if (message.type === 'telemetry') this.recent.push(now);
    return count;
  }

  /** The expected telemetry period changed (RATE command), ms. */
  expectPeriod(ms: number): void {
    this.stats.expectedPeriodMs = ms;
  }

  /** The figures at `now`. */
  /** The ground radio's sensitivity, dBm: what the RSSI's margin is reckoned from. */
  sensitivity(dbm: number): void {
    this.stats.sensitivityDbm = dbm;
  }

  /** The RSSI of the last packet, dBm (an XBee in API mode reports it with each). */
  signal(rssi: number): void {
    this.stats.rssi = rssi;
  }

  snapshot(now: number): LinkStats {
    while (this.recentStart < this.recent.length && this.recent[this.recentStart]! < now - 10_000) this.recentStart++;
    // Drop the old times in one go rather than one shift() each: after a burst that would take hundreds of ms.
    if (this.recentStart > 1024 && this.recentStart * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.recentStart);
      this.recentStart = 0;
    }
    this.stats.frameRate = (this.recent.length - this.recentStart) / 10;
    this.stats.stale = this.stats.lastFrameAt === null || now - this.stats.lastFrameAt > 2 * this.stats.expectedPeriodMs;
    return structuredClone(this.stats);
  }
}
