import { createHash } from 'node:crypto';
import { deframe } from '@cansat/protocol';
import type { Reception } from '@cansat/protocol/network';

/** One station as the hub sees it in one team's flight. */
export interface StationFigures {
  station: string;
  /** Receptions it published (duplicates of its own included). */
  heard: number;
  /** Frames no other station heard: what the network owes to it. */
  unique: number;
  /** Telemetry packets missing from its own receptions, from the gaps in their packet counts. */
  lost: number;
  /** ms its clock is ahead of the other stations' consensus (median of its differences), null until it shares frames. */
  clockOffsetMs: number | null;
  /** ms from its reception to the hub, median of its last receptions that were not backfill (its clock corrected). */
  latencyMs: number | null;
  /** Its clock source as it says. */
  clock: Reception['clock'] | null;
}

interface Heard {
  station: string;
  /** ms since the epoch, the station's clock. */
  receivedAt: number;
  rssi: number | null;
}

interface FrameEntry {
  receptions: Heard[];
  /** The telemetry packet count when the frame decodes as telemetry. */
  telemetryCount: number | null;
}

interface StationState {
  heard: number;
  counts: Set<number>;
  /** The last estimate of its clock's offset, ms. */
  offset: number | null;
  latencies: number[];
  clock: Reception['clock'] | null;
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Recent latency samples kept per station. */
const SAMPLES = 501;
/** Frames heard by several stations that the clock estimates look at (the most recent ones). */
const SHARED = 2000;
/** Receptions between two clock estimates. */
const ESTIMATE_EVERY = 200;

/**
 * One team's receptions from every station merged: each frame once, identified by all of its bytes (never by its
 * CRC alone, never by its reception metadata), with the list of stations that heard it and when; each station's
 * figures (heard, unique, lost) and its clock's offset against the consensus of the others. Pure: no I/O.
 */
export class NetworkMerge {
  private readonly frames = new Map<string, FrameEntry>();
  private readonly stations = new Map<string, StationState>();
  /** The most recent frames heard by more than one station. */
  private shared: FrameEntry[] = [];
  private sinceEstimate = 0;
  /** Frames merged (distinct), in the order they first arrived. */
  merged = 0;

  /**
   * A reception; returns the frame's bytes and its best receive time (ms, corrected by its station's offset) when
   * the frame is new, or null for one already merged (another station's copy, a duplicate, a late backfill).
   */
  add(reception: Reception, bytes: Uint8Array, arrivedAt: number): { bytes: Uint8Array; receivedAt: number; station: string; telemetryCount: number | null } | null {
    const key = createHash('sha256').update(bytes).digest('base64');
    const station = this.stationState(reception.station);
    station.heard++;
    station.clock = reception.clock;
    const receivedAt = reception.receivedAt / 1000;
    let entry = this.frames.get(key);
    const fresh = entry === undefined;
    if (!entry) {
      entry = { receptions: [], telemetryCount: telemetryCountOf(bytes) };
      this.frames.set(key, entry);
      this.merged++;
    }
    if (entry.telemetryCount !== null) station.counts.add(entry.telemetryCount);
    if (!entry.receptions.some((r) => r.station === reception.station)) {
      entry.receptions.push({ station: reception.station, receivedAt, rssi: reception.rssi ?? null });
      if (entry.receptions.length === 2) {
        this.shared.push(entry);
        if (this.shared.length > SHARED * 2) this.shared = this.shared.slice(-SHARED);
      }
    }
    if (++this.sinceEstimate >= ESTIMATE_EVERY) this.estimateClocks();
    const offset = station.offset ?? 0;
    if (!reception.backfill) push(station.latencies, arrivedAt - (receivedAt - offset));
    return fresh ? { bytes, receivedAt: receivedAt - offset, station: reception.station, telemetryCount: entry.telemetryCount } : null;
  }

  /** A station's clock offset as now estimated, ms (0 until it shares frames with others). */
  offsetOf(station: string): number {
    this.estimateClocks();
    return this.stations.get(station)?.offset ?? 0;
  }

  /** A frame merged before a restart (read back from the archive): a reception of it again is not new. */
  remember(bytes: Uint8Array): void {
    const key = createHash('sha256').update(bytes).digest('base64');
    if (!this.frames.has(key)) {
      this.frames.set(key, { receptions: [], telemetryCount: telemetryCountOf(bytes) });
      this.merged++;
    }
  }

  /** Each station's figures, now. */
  figures(): StationFigures[] {
    this.estimateClocks();
    const unique = new Map<string, number>();
    for (const entry of this.frames.values()) {
      if (entry.receptions.length === 1) unique.set(entry.receptions[0]!.station, (unique.get(entry.receptions[0]!.station) ?? 0) + 1);
    }
    return [...this.stations].map(([id, s]) => ({
      station: id,
      heard: s.heard,
      unique: unique.get(id) ?? 0,
      lost: gaps(s.counts),
      clockOffsetMs: s.offset,
      latencyMs: median(s.latencies),
      clock: s.clock,
    }));
  }

  /** The stations that heard a frame, and when, by the frame's bytes. */
  heardBy(bytes: Uint8Array): Heard[] {
    return this.frames.get(createHash('sha256').update(bytes).digest('base64'))?.receptions ?? [];
  }

  /** Telemetry packets missing from the merged flight (gaps in the union of every station's counts). */
  get mergedLost(): number {
    const all = new Set<number>();
    for (const s of this.stations.values()) for (const c of s.counts) all.add(c);
    return gaps(all);
  }

  private stationState(id: string): StationState {
    let state = this.stations.get(id);
    if (!state) this.stations.set(id, (state = { heard: 0, counts: new Set(), offset: null, latencies: [], clock: null }));
    return state;
  }

  /**
   * Each station's clock offset: over the recent frames several stations heard, the median of its difference from
   * each frame's consensus time (the median of the stations' times: one station far off moves it little).
   */
  private estimateClocks(): void {
    this.sinceEstimate = 0;
    const samples = new Map<string, number[]>();
    for (const entry of this.shared.slice(-SHARED)) {
      const consensus = median(entry.receptions.map((r) => r.receivedAt))!;
      for (const r of entry.receptions) {
        let list = samples.get(r.station);
        if (!list) samples.set(r.station, (list = []));
        list.push(r.receivedAt - consensus);
      }
    }
    for (const [id, list] of samples) this.stations.get(id)!.offset = median(list);
  }
}

function push(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > SAMPLES) samples.shift();
}

/** Missing values between the lowest and the highest of a set of packet counts. */
function gaps(counts: Set<number>): number {
  if (counts.size === 0) return 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const c of counts) {
    if (c < low) low = c;
    if (c > high) high = c;
  }
  return high - low + 1 - counts.size;
}

/** The packet count of a binary telemetry frame, or null for anything else. */
function telemetryCountOf(bytes: Uint8Array): number | null {
  const result = deframe(bytes);
  return result.status === 'ok' && result.message.type === 'telemetry' ? result.message.packetCount : null;
}
