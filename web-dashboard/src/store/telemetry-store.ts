import type { Telemetry } from '@cansat/protocol';
import { HISTORY_NUMERIC, HISTORY_TEXT, type DecodedHistory, type Reception } from '@cansat/protocol/station';
import { RingSeries } from './ring-series.ts';

/** Numeric telemetry fields charted, in table order: the history's numeric columns. */
export const NUMERIC_FIELDS = HISTORY_NUMERIC;

/** Fields kept as text (mode, state, command echo): the history's text columns. */
export const TEXT_FIELDS = HISTORY_TEXT;

/** Two hours at 10 Hz. */
export const CAPACITY = 72_000;

/**
 * Everything received so far, in ring buffers (one per numeric field, plus the receive time in seconds), with the
 * last message whole for the panels. A hello replaces it all (a late or reconnecting viewer catches up); each
 * telemetry message adds a row.
 */
export class TelemetryStore {
  readonly time = new RingSeries(CAPACITY);
  readonly series = new Map<string, RingSeries>(NUMERIC_FIELDS.map((name) => [name, new RingSeries(CAPACITY)]));
  /** The text fields (mode, state, command echo), row by row, for the CSV download. */
  readonly text = new Map<string, (string | null)[]>(TEXT_FIELDS.map((name) => [name, []]));
  last: Telemetry | null = null;
  /** Rows ever added, to tell what is new since a frame was drawn. */
  version = 0;
  /** The highest packet count held: anything above it is new without looking further. */
  private highestCount = Number.NEGATIVE_INFINITY;
  /** Series worked out from each row (the signal the link budget expects), by name, and how. */
  private readonly derived = new Map<string, (row: Record<string, number | null | undefined>) => number | null>();

  /**
   * A series worked out from each row's numbers, kept beside the received ones (charted by `name`); set again, it is
   * worked out again for the rows held.
   */
  derive(name: string, from: (row: Record<string, number | null | undefined>) => number | null): void {
    this.derived.set(name, from);
    const series = this.series.get(name) ?? new RingSeries(CAPACITY);
    this.series.set(name, series);
    const columns = [...this.series].filter(([n]) => !this.derived.has(n)).map(([n, s]) => [n, s.values()] as const);
    series.load(Float64Array.from({ length: this.time.length }, (_, i) => {
      const row: Record<string, number | null> = {};
      for (const [n, values] of columns) row[n] = Number.isNaN(values[i]!) ? null : values[i]!;
      return from(row) ?? Number.NaN;
    }));
    this.version++;
  }

  /** Replaces the contents with a hello's history (the newest CAPACITY rows of it). */
  applyHello(history: DecodedHistory, lastMessage: Telemetry | null = null): void {
    this.clear();
    const { count } = history;
    const first = Math.max(0, count - CAPACITY);
    const seconds = new Float64Array(count - first);
    for (let i = first; i < count; i++) seconds[i - first] = history.receivedAt[i]! / 1000;
    this.time.load(seconds);
    for (const [name, series] of this.series) if (!this.derived.has(name)) series.load(history.numeric.get(name) ?? new Float64Array(count).fill(Number.NaN));
    for (const [name, from] of this.derived) this.derive(name, from);
    for (const name of TEXT_FIELDS) this.text.set(name, history.text.get(name)?.slice(first) ?? new Array<null>(count - first).fill(null));
    for (const packetCount of this.series.get('packetCount')!.values()) if (packetCount > this.highestCount) this.highestCount = packetCount;
    this.last = lastMessage;
    this.version++;
  }

  /** Adds a message; a packet count already held (a backfill overlap after a reconnection) is skipped. */
  add(telemetry: Telemetry, receivedAt: number, reception: Reception = {}): boolean {
    const count = telemetry.packetCount;
    // Counts only grow on a link, so the search through the held ones is for the rare overlap.
    if (count <= this.highestCount && this.series.get('packetCount')!.values().includes(count)) return false;
    this.highestCount = Math.max(this.highestCount, count);
    this.time.push(receivedAt / 1000);
    // Read from the two objects as they are (a merged copy per row is slow), the derived series from the message.
    const record = telemetry as unknown as Record<string, number | null | undefined>;
    const measured = reception as Record<string, number | null | undefined>;
    for (const [name, series] of this.series) {
      const derive = this.derived.get(name);
      series.push(derive ? derive(record) : (record[name] ?? measured[name] ?? null));
    }
    for (const [name, values] of this.text) {
      values.push((record[name] as unknown as string | null) ?? null);
      if (values.length > CAPACITY) values.shift();
    }
    this.last = telemetry;
    this.version++;
    return true;
  }

  get count(): number {
    return this.time.length;
  }

  clear(): void {
    this.time.clear();
    for (const series of this.series.values()) series.clear();
    for (const values of this.text.values()) values.length = 0;
    this.highestCount = Number.NEGATIVE_INFINITY;
    this.last = null;
    this.version++;
  }
}
