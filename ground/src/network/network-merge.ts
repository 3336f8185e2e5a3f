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
  /** dBm of its last reception that had one (a radio in XBee API mode), null otherwise. */
  rssi: number | null;
}

/**
 * A merged frame, compactly (a two-hour flight heard by ten stations is 72,000 frames and 720,000 receptions): the
 * stations that heard it as bits of their indices, and their receive times only while the frame is recent.
 */
interface FrameEntry {
  /** Stations that heard it: bit i for the station of index i < 30; the others in `beyond`. */
  bits: number;
  beyond: number[] | null;
  /** How many stations heard it, and the first of them (its only one while it is unique). */
  heardBy: number;
  first: number;
  /** [station index, ms since the epoch on its clock, …] while the frame is recent; null afterwards. */
  times: number[] | null;
  /** The telemetry packet count when the frame decodes as telemetry. */
  telemetryCount: number | null;
}

/** Station indices kept as bits of a small integer (V8 keeps up to 31 bits unboxed). */
const BITS = 30;

function heardBy(entry: FrameEntry, index: number): boolean {
  return index < BITS ? (entry.bits & (1 << index)) !== 0 : (entry.beyond?.includes(index) ?? false);
}

function addStation(entry: FrameEntry, index: number): void {
  if (index < BITS) entry.bits |= 1 << index;
  else (entry.beyond ??= []).push(index);
  if (entry.heardBy++ === 0) entry.first = index;
}

interface StationState {
  name: string;
  heard: number;
  /** Frames it heard that no other station has (yet). */
  unique: number;
  counts: PacketCounts;
  /** The last estimate of its clock's offset, ms. */
  offset: number | null;
  latencies: number[];
  clock: Reception['clock'] | null;
  rssi: number | null;
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
/** New frames whose receive times are kept (for the clocks, should another station hear them). */
const RECENT = 4000;
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
  private readonly byIndex: StationState[] = [];
  /** The most recent frames heard by more than one station. */
  private shared: FrameEntry[] = [];
  /** The most recent new frames: only they keep their receive times. */
  private recent: FrameEntry[] = [];
  private sinceEstimate = 0;
  /** Frames merged (distinct), in the order they first arrived. */
  merged = 0;

  /**
   * A reception; returns the frame's bytes and its best receive time (ms, corrected by its station's offset) when
   * the frame is new, or null for one already merged (another station's copy, a duplicate, a late backfill).
   */
  add(reception: Reception, bytes: Uint8Array, arrivedAt: number): { bytes: Uint8Array; receivedAt: number; station: string; telemetryCount: number | null } | null {
    const key = frameKey(bytes);
    const station = this.stationState(reception.station);
    const index = this.byIndex.indexOf(station);
    station.heard++;
    station.clock = reception.clock;
    if (reception.rssi !== undefined) station.rssi = reception.rssi;
    const receivedAt = reception.receivedAt / 1000;
    let entry = this.frames.get(key);
    const fresh = entry === undefined;
    if (!entry) {
      entry = { bits: 0, beyond: null, heardBy: 0, first: -1, times: [], telemetryCount: telemetryCountOf(bytes) };
      this.frames.set(key, entry);
      this.merged++;
      this.recent.push(entry);
      if (this.recent.length > RECENT * 2) {
        // Frames out of the recent window keep who heard them, not when.
        for (const old of this.recent.slice(0, this.recent.length - RECENT)) old.times = null;
        this.recent = this.recent.slice(-RECENT);
      }
    }
    if (entry.telemetryCount !== null) station.counts.add(entry.telemetryCount);
    if (!heardBy(entry, index)) {
      addStation(entry, index);
      entry.times?.push(index, receivedAt);
      if (entry.heardBy === 1) station.unique++;
      if (entry.heardBy === 2) {
        // No longer only the first one's.
        this.byIndex[entry.first]!.unique--;
        if (entry.times) this.shared.push(entry);
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
    // The hub asks for every new frame: the estimate (2,000 frames' medians) is refreshed every 20 receptions, or
    // at once for a station that has none yet, not at each question.
    const state = this.stations.get(station);
    if (this.sinceEstimate >= 20 || (state?.offset === null && this.shared.length > 0)) this.estimateClocks();
    return state?.offset ?? 0;
  }

  /** A frame merged before a restart (read back from the archive): a reception of it again is not new. */
  remember(bytes: Uint8Array): void {
    const key = frameKey(bytes);
    if (!this.frames.has(key)) {
      this.frames.set(key, { bits: 0, beyond: null, heardBy: 0, first: -1, times: null, telemetryCount: telemetryCountOf(bytes) });
      this.merged++;
    }
  }

  /** The stations heard so far, by name. */
  stationNames(): string[] {
    return [...this.stations.keys()].sort();
  }

  /** Each station's figures, now. */
  figures(): StationFigures[] {
    this.estimateClocks();
    return [...this.stations].map(([id, s]) => ({
      station: id,
      heard: s.heard,
      unique: s.unique,
      lost: s.counts.gaps(),
      clockOffsetMs: s.offset,
      latencyMs: median(s.latencies),
      clock: s.clock,
      rssi: s.rssi,
    }));
  }

  /** Telemetry packets missing from the merged flight (gaps in the union of every station's counts). */
  get mergedLost(): number {
    return PacketCounts.union([...this.stations.values()].map((s) => s.counts)).gaps();
  }

  private stationState(id: string): StationState {
    let state = this.stations.get(id);
    if (!state) {
      this.stations.set(id, (state = { name: id, heard: 0, unique: 0, counts: new PacketCounts(), offset: null, latencies: [], clock: null, rssi: null }));
      this.byIndex.push(state);
    }
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
      const times = entry.times;
      if (!times) continue;
      const consensus = median(times.filter((_, k) => k % 2 === 1))!;
      for (let k = 0; k < times.length; k += 2) {
        const name = this.byIndex[times[k]!]!.name;
        let list = samples.get(name);
        if (!list) samples.set(name, (list = []));
        list.push(times[k + 1]! - consensus);
      }
    }
    for (const [id, list] of samples) this.stations.get(id)!.offset = median(list);
  }
}

function push(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > SAMPLES) samples.shift();
}

/**
 * The 16-bit packet counts a station heard, as one bit each (8 KiB, however long the flight): gaps between the
 * lowest and the highest are its losses.
 */
class PacketCounts {
  private readonly bits = new Uint8Array(8192);
  private size = 0;
  private low = Number.POSITIVE_INFINITY;
  private high = Number.NEGATIVE_INFINITY;

  add(count: number): void {
    const c = count & 0xffff;
    const mask = 1 << (c & 7);
    if (this.bits[c >> 3]! & mask) return;
    this.bits[c >> 3]! |= mask;
    this.size++;
    if (c < this.low) this.low = c;
    if (c > this.high) this.high = c;
  }

  gaps(): number {
    return this.size === 0 ? 0 : this.high - this.low + 1 - this.size;
  }

  static union(all: PacketCounts[]): PacketCounts {
    const out = new PacketCounts();
    for (const counts of all) {
      for (let i = 0; i < out.bits.length; i++) out.bits[i]! |= counts.bits[i]!;
      out.low = Math.min(out.low, counts.low);
      out.high = Math.max(out.high, counts.high);
    }
    for (const byte of out.bits) for (let b = byte; b; b &= b - 1) out.size++;
    return out;
  }
}

/** A frame's identity: the SHA-256 of all its bytes, as a 32-character string (the Map's key, compactly). */
function frameKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest().toString('latin1');
}

/** The packet count of a binary telemetry frame, or null for anything else. */
function telemetryCountOf(bytes: Uint8Array): number | null {
  const result = deframe(bytes);
  return result.status === 'ok' && result.message.type === 'telemetry' ? result.message.packetCount : null;
}
