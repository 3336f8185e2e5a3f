import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import {
  AAS_PROFILES,
  XbeeDeframer,
  layoutProfile,
  receivedData,
  type AasProfile,
  type AasTelemetryLine,
  type Event,
  type Message,
  type Telemetry,
} from '@cansat/protocol';
import { FrameDecoderStream, aasTelemetryDecoder, readTeamLayout, type FrameRejection, type LineRejection } from '@cansat/protocol/node';
import type { Writable } from 'node:stream';
import { IMPORT_PROFILES } from './import/import-profiles.ts';
import { LinkStatsCounter } from './receiver/link-stats.ts';
import { CsvRecorder } from './recorder/csv-recorder.ts';
import { RawLogWriter, continueRawLog, type RadioMode, type RawChunk } from './recorder/raw-log.ts';
import type { SessionKind } from './recorder/session.ts';
import { HistoryColumns, type Reception } from '@cansat/protocol/station';
import type { Welcome } from './server/ground-server.ts';
import type { Hello, LinkStats } from '@cansat/protocol/station';

/** Options of GroundStation. */
export interface GroundStationOptions {
  teamId: number;
  /** binary, or aas-2024 / aas-2025 / aas-2026 */
  wireFormat: string;
  /** The AAS year of Flight_<TEAM_ID>.csv; default: the wire format's year, else 2025. */
  csvYear?: number;
  /**
   * Record into this session folder (live); no recording when absent (replay). `resume`: the folder holds the
   * recording of a station that crashed: it is read back first (the flight so far, its counts) and appended to.
   */
  record?: { folder: string; kind: SessionKind; resume?: boolean };
  /** Where the bytes come from: a port path or a file. */
  source: string;
  /** Marks everything as replayed: never mixed with live data, never raising live alarms. */
  replay?: boolean;
  /**
   * `arrival` (default): the flight in the order the bytes came, as a radio delivers them. `count`: in the order of
   * the CanSat's packet counts (each message type its own), a frame that comes late put in its place (a hub,
   * merging stations that publish with different delays); it is announced as 'reordered', not as a message, and
   * Flight_<TEAM_ID>.csv is written again.
   */
  order?: 'arrival' | 'count';
  /** How the radio delivers bytes: transparent (default), or XBee API frames whose receive frames carry the RSSI. */
  radioMode?: RadioMode;
  /** The ground radio's sensitivity, dBm, for the RSSI's margin. */
  sensitivityDbm?: number;
}

const NO_RECEPTION: Reception = Object.freeze({});

/** ms a DB answer stands for the packets after it; ms between two DB questions. */
const RSSI_ASKED_MS = 2000;
const RSSI_ASK_EVERY_MS = 1000;

/** A decoded message as the station passes it on. */
export type StationMessage =
  | { type: 'telemetry'; receivedAt: number; replay: boolean; data: Telemetry; rssi?: number | null }
  | { type: 'event'; receivedAt: number; replay: boolean; data: Event }
  | { type: 'ack'; receivedAt: number; replay: boolean; data: Extract<Message, { type: 'ack' }> };

/**
 * The AAS profile of a wire format: null for binary; `aas-2025`; another layout the kit knows (`aas-2022-container`);
 * or a team's own layout file (`ours.json`, a TeamLayout), for a guide revision the kit does not have.
 */
export function profileOf(wireFormat: string): AasProfile | null {
  if (wireFormat === 'binary') return null;
  const match = /^aas-(\d{4})$/.exec(wireFormat);
  const builtIn = match ? AAS_PROFILES[Number(match[1])] : undefined;
  if (builtIn) return builtIn;
  if (wireFormat.toLowerCase().endsWith('.json')) return layoutProfile(readTeamLayout(wireFormat, '--format'));
  const layout = IMPORT_PROFILES.find((p) => p.id === wireFormat);
  if (layout) return layoutProfile(layout);
  throw new TypeError(`unknown wire format "${wireFormat}": binary, aas- and one of ${Object.keys(AAS_PROFILES).join(', ')}, one of ${IMPORT_PROFILES.map((p) => p.id).join(', ')}, or a layout file (.json)`);
}

/**
 * The receive path: raw bytes in (from the radio or a replayed log), recorded as they arrive, decoded by the
 * protocol package's streams, counted, kept as the flight's history, and emitted as 'message'. The same path
 * serves live reception and replay, so a replay reproduces the live session.
 */
/** What a station emits: each message it decoded, a change of the link, and a failed write to the recording. */
export interface StationEvents {
  message: [message: StationMessage];
  /** With `order: 'count'`: a frame took its place before the last one; the flight so far has changed. */
  reordered: [];
  link: [];
  'record-error': [error: Error];
  /** In API mode, a receive frame without an RSSI: the radio should be asked for DB (at most once a second). */
  'ask-rssi': [];
  /** What the radio carried, at `receivedAt`: each chunk (transparent), or each receive frame's data with its RSSI (API mode). */
  carried: [bytes: Uint8Array, receivedAt: number, rssi: number | null];
}

export class GroundStation extends EventEmitter<StationEvents> {
  /** The telemetry so far, as columns. */
  private readonly history: HistoryColumns;
  readonly events: { receivedAt: number; data: Event }[] = [];
  readonly profile: AasProfile | null;
  private readonly stats: LinkStatsCounter;
  private readonly decoder: Writable;
  /** In API mode, the XBee frames the radio's bytes come in. */
  private readonly xbee: XbeeDeframer | null;
  private readonly raw: RawLogWriter | null = null;
  private readonly csv: CsvRecorder | null = null;
  private chunkTime = 0;
  /** The RSSI of the XBee frame being decoded (API mode), null otherwise. */
  private frameRssi: number | null = null;
  /** The module's last DB answer (dBm, when), and when the station last asked for one. */
  private askedRssi: { value: number; at: number } | null = null;
  private askedAt = Number.NEGATIVE_INFINITY;
  /** Flight_<TEAM_ID>.csv lacks rows that came late: written again shortly (one write for a burst of them). */
  private csvStale: NodeJS.Timeout | null = null;
  private resuming = false;
  /** Recording failures (a full disk): counted and reported, reception goes on. */
  recordErrors = 0;
  /** What a resumed session held before this start: chunks and telemetry frames read back, the last chunk's time. */
  readonly resumed: { chunks: number; telemetry: number; lastReceivedAt: number | null } | null = null;

  constructor(readonly options: GroundStationOptions) {
    super();
    this.profile = profileOf(options.wireFormat);
    this.stats = new LinkStatsCounter(options.source);
    if (options.sensitivityDbm !== undefined) this.stats.sensitivity(options.sensitivityDbm);
    this.history = new HistoryColumns(options.teamId);
    let earlier: RawChunk[] = [];
    if (options.record) {
      const { folder, kind, resume } = options.record;
      const csvProfile = this.profile ?? AAS_PROFILES[options.csvYear ?? 2025]!;
      const rawPath = join(folder, 'radio.raw');
      if (resume) {
        const { writer, log } = continueRawLog(rawPath);
        if (log.header.teamId !== options.teamId || log.header.wireFormat !== options.wireFormat || (log.header.radioMode ?? 'transparent') !== (options.radioMode ?? 'transparent')) {
          writer.close();
          const was = log.header.radioMode ?? 'transparent';
          const is = options.radioMode ?? 'transparent';
          const radio = (mode: string) => (was === is ? '' : ` (radio ${mode})`);
          throw new Error(`${rawPath} is team ${log.header.teamId}'s ${log.header.wireFormat} recording${radio(was)}, not team ${options.teamId}'s ${options.wireFormat}${radio(is)}`);
        }
        this.raw = writer;
        earlier = log.chunks;
      } else {
        this.raw = new RawLogWriter(rawPath, { teamId: options.teamId, wireFormat: options.wireFormat, startedAt: Date.now(), kind, ...(options.radioMode && options.radioMode !== 'transparent' ? { radioMode: options.radioMode } : {}) });
      }
      this.csv = new CsvRecorder(join(folder, `Flight_${options.teamId}.csv`), csvProfile, { append: resume ?? false });
    }
    this.xbee = options.radioMode === 'api' || options.radioMode === 'api-escaped' ? new XbeeDeframer(options.radioMode === 'api-escaped', (reason) => this.stats.reject(`xbee-${reason}`)) : null;
    if (this.profile === null) {
      const decoder = new FrameDecoderStream({ teamId: options.teamId });
      decoder.on('data', (message: Message) => this.accept(message, true));
      decoder.on('reject', (r: FrameRejection) => this.stats.reject(r.reason));
      this.decoder = decoder;
    } else {
      const decoder = aasTelemetryDecoder(this.profile, { teamId: options.teamId });
      decoder.on('data', (line: AasTelemetryLine) => this.accept(line.telemetry, false));
      decoder.on('reject', (r: LineRejection) => this.stats.reject(r.reason));
      this.decoder = decoder;
    }
    if (options.record?.resume) {
      // The same path as live bytes, minus the raw log (they are in it): history, events and counts come back as
      // they were, and the CSV gets any rows the crash kept it from writing.
      this.resuming = true;
      for (const chunk of earlier) {
        this.chunkTime = chunk.receivedAt;
        this.stats.bytes(chunk.bytes.length);
        this.decode(chunk.bytes);
      }
      this.resuming = false;
      if (this.csvStale) this.rewriteCsv();
      this.resumed = { chunks: earlier.length, telemetry: this.history.count, lastReceivedAt: earlier.at(-1)?.receivedAt ?? null };
    }
  }

  /** Bytes as the radio delivered them, at `receivedAt` (ms since the epoch). */
  ingest(bytes: Uint8Array, receivedAt: number): void {
    this.chunkTime = receivedAt;
    this.stats.bytes(bytes.length);
    if (this.raw) {
      try {
        this.raw.append({ receivedAt, bytes });
      } catch (error) {
        this.recordFailed(error);
      }
    }
    this.decode(bytes);
  }

  /** The radio's bytes to the decoder; in API mode, the data of each receive frame, its RSSI kept as the link's. */
  private decode(bytes: Uint8Array): void {
    // The decoders are synchronous: every message of this chunk is handled before write returns.
    if (!this.xbee) {
      this.emit('carried', bytes, this.chunkTime, null);
      this.decoder.write(bytes);
      return;
    }
    this.xbee.push(bytes, (frame) => {
      // The module's answer to DB: the last packet's RSSI, for frame types that do not carry it (ZigBee, DigiMesh).
      if (frame.kind === 'atResponse' && frame.command === 'DB' && frame.status === 0 && frame.data.length > 0) {
        this.askedRssi = { value: -frame.data.at(-1)!, at: this.chunkTime };
        this.stats.signal(this.askedRssi.value);
        return;
      }
      const received = receivedData(frame);
      if (!received) return;
      let rssi = received.rssi;
      if (rssi === null) {
        rssi = this.askedRssi && this.chunkTime - this.askedRssi.at <= RSSI_ASKED_MS ? this.askedRssi.value : null;
        if (this.chunkTime - this.askedAt >= RSSI_ASK_EVERY_MS) {
          this.askedAt = this.chunkTime;
          this.emit('ask-rssi');
        }
      } else this.stats.signal(rssi);
      this.frameRssi = rssi;
      this.emit('carried', received.data, this.chunkTime, rssi);
      this.decoder.write(received.data);
      this.frameRssi = null;
    });
  }

  /** The source opened or closed. */
  connected(connected: boolean): void {
    this.stats.connected(connected);
    this.emit('link');
  }

  /** The link's figures at `now`, with this station's failed recording writes; `viewerSkips` is the server's to add. */
  linkStats(now: number): LinkStats {
    return { ...this.stats.snapshot(now), recordErrors: this.recordErrors };
  }

  /** The telemetry rate the CanSat was told to use (RATE), for staleness. */
  expectRate(hz: number): void {
    this.stats.expectPeriod(1000 / hz);
  }

  private accept(message: Message, wrapped: boolean): void {
    const receivedAt = this.chunkTime;
    const replay = this.options.replay ?? false;
    const packetCount = this.stats.message(message, receivedAt, wrapped);
    if (message.type === 'telemetry') {
      const data = { ...message, packetCount };
      const at = this.options.order === 'count' ? this.history.indexForCount(packetCount) : this.history.count;
      if (at < this.history.count) {
        // Late: into its place, the CSV written again shortly (once for a burst of them).
        this.history.insert(at, receivedAt, data, this.reception());
        this.csvStale ??= setTimeout(() => this.rewriteCsv(), this.resuming ? 0 : 500);
        this.emit('reordered');
        return;
      }
      this.history.append(receivedAt, data, this.reception());
      // Behind only after a crash between the raw log and the CSV, or a failed write: never a row twice.
      if (this.csv && this.csv.rows < this.history.count) {
        try {
          this.csv.append(data);
        } catch (error) {
          this.recordFailed(error);
        }
      }
      this.emit('message', { type: 'telemetry', receivedAt, replay, data, ...(this.frameRssi !== null ? { rssi: this.frameRssi } : {}) } satisfies StationMessage);
    } else if (message.type === 'event') {
      const data = { ...message, packetCount };
      const late = this.options.order === 'count' && this.events.length > 0 && this.events.at(-1)!.data.packetCount > packetCount;
      this.events.push({ receivedAt, data });
      if (late) {
        this.events.sort((a, b) => a.data.packetCount - b.data.packetCount);
        this.emit('reordered');
      } else this.emit('message', { type: 'event', receivedAt, replay, data } satisfies StationMessage);
    } else if (message.type === 'ack') {
      this.emit('message', { type: 'ack', receivedAt, replay, data: message } satisfies StationMessage);
    }
  }

  /** What the radio measured of the frame being decoded (nothing, in transparent mode: one shared empty answer). */
  private reception(): Reception {
    return this.frameRssi === null ? NO_RECEPTION : { rssi: this.frameRssi };
  }

  /** Flight_<TEAM_ID>.csv written again from the flight so far, in order. */
  private rewriteCsv(): void {
    if (this.csvStale) clearTimeout(this.csvStale);
    this.csvStale = null;
    if (!this.csv) return;
    const history = this.history;
    try {
      this.csv.rewrite((function* () {
        for (let i = 0; i < history.count; i++) yield history.row(i).data;
      })());
    } catch (error) {
      this.recordFailed(error);
    }
  }

  private recordFailed(error: unknown): void {
    this.recordErrors++;
    this.emit('record-error', error instanceof Error ? error : new Error(String(error)));
  }

  /** A new viewer's hello, with the flight so far (telemetry and events) from this station, and its history. */
  welcome(about: Omit<Hello, 'type' | 'telemetry' | 'events'>): Welcome {
    const { header, numbers } = this.history.encode();
    return { hello: { type: 'hello', ...about, telemetry: header, events: this.events }, numbers };
  }

  /** Telemetry messages received so far. */
  get telemetryCount(): number {
    return this.history.count;
  }

  /** The first and the last telemetry so far (null before any), without rebuilding the rest. */
  telemetryEnds(): { first: { receivedAt: number; data: Telemetry }; last: { receivedAt: number; data: Telemetry } } | null {
    const count = this.history.count;
    return count === 0 ? null : { first: this.history.row(0), last: this.history.row(count - 1) };
  }

  /** The telemetry so far as messages again, rebuilt from the columns: for tests and tools, not the receive path. */
  get telemetry(): { receivedAt: number; data: Telemetry }[] {
    return Array.from({ length: this.history.count }, (_, i) => this.history.row(i));
  }

  /** Each telemetry row's RSSI as the radio reported it (XBee API mode), null where it did not. */
  get rssi(): (number | null)[] {
    return Array.from({ length: this.history.count }, (_, i) => this.history.reception(i).rssi);
  }

  /** Number of rows in Flight_<TEAM_ID>.csv so far. */
  get csvRows(): number {
    return this.csv?.rows ?? 0;
  }

  close(): void {
    if (this.csvStale) this.rewriteCsv();
    this.raw?.close();
    this.csv?.close();
  }
}
