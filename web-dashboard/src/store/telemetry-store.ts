import { TELEMETRY_FIELDS, type Telemetry } from '@cansat/protocol';
import type { Hello, TelemetryColumns } from '@cansat/ground/messages';
import { RingSeries } from './ring-series.ts';

/** Numeric telemetry fields charted, in table order. */
export const NUMERIC_FIELDS = ['packetCount', 'missionTime', ...TELEMETRY_FIELDS.filter((f) => f.kind === 'number').map((f) => f.name)];

/** Fields kept as text. */
export const TEXT_FIELDS = ['mode', 'state', 'cmdEcho'];

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
  private readonly seen = new Set<number>();

  /** Replaces the contents with a hello's history. */
  applyHello(hello: Pick<Hello, 'telemetry'>, lastMessage: Telemetry | null = null): void {
    this.clear();
    const { count, receivedAt, columns }: TelemetryColumns = hello.telemetry;
    for (let i = 0; i < count; i++) {
      this.time.push(receivedAt[i]! / 1000);
      for (const [name, series] of this.series) {
        const value = columns[name]?.[i];
        series.push(typeof value === 'number' ? value : null);
      }
      for (const [name, values] of this.text) values.push((columns[name]?.[i] as string | null | undefined) ?? null);
      const packetCount = columns['packetCount']?.[i];
      if (typeof packetCount === 'number') this.seen.add(packetCount);
    }
    this.last = lastMessage;
    this.version++;
  }

  /** Adds a message; a packet count already held (a backfill overlap after a reconnection) is skipped. */
  add(telemetry: Telemetry, receivedAt: number): boolean {
    if (this.seen.has(telemetry.packetCount)) return false;
    this.seen.add(telemetry.packetCount);
    this.time.push(receivedAt / 1000);
    const record = telemetry as unknown as Record<string, number | null>;
    for (const [name, series] of this.series) series.push(record[name] ?? null);
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
    this.seen.clear();
    this.last = null;
    this.version++;
  }
}
