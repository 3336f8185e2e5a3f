import { Type, type Static } from '@sinclair/typebox';
import type { Telemetry } from '../messages/index.ts';
import { TELEMETRY_FIELDS } from '../messages/telemetry.ts';

/**
 * The flight so far, for a late viewer. The numbers are not in the JSON: the hello is always followed by one binary
 * message of 8 × count × (numeric.length + 1) bytes, float64 little-endian, column after column: the receive times
 * (ms since the epoch), then each column named in `numeric`; NaN where a value is absent. Text columns change
 * rarely and come as runs of [value, rows].
 */
export const TelemetryHistory = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  numeric: Type.Array(Type.String()),
  text: Type.Record(Type.String(), Type.Array(Type.Tuple([Type.Union([Type.String(), Type.Null()]), Type.Integer({ minimum: 1 })]))),
});
export type TelemetryHistory = Static<typeof TelemetryHistory>;

/** Telemetry's numeric columns, as the history keeps them. */
const TELEMETRY_NUMERIC = ['packetCount', 'missionTime', ...TELEMETRY_FIELDS.filter((f) => f.kind === 'number').map((f) => f.name)];

/** What the station measured of each frame as it received it: the packet's signal (XBee API mode), dBm. */
export const RECEPTION_NUMERIC = ['rssi'] as const;
export type Reception = Partial<Record<(typeof RECEPTION_NUMERIC)[number], number | null>>;

/** Columns sent as numbers, in this order, after the receive times: the telemetry's, then the reception's. */
export const HISTORY_NUMERIC = [...TELEMETRY_NUMERIC, ...RECEPTION_NUMERIC];

/** Telemetry columns sent as runs of text. */
export const HISTORY_TEXT = TELEMETRY_FIELDS.filter((f) => f.kind !== 'number').map((f) => f.name);

/** A history as the dashboard uses it: one array per column, `count` long. */
export interface DecodedHistory {
  count: number;
  /** ms since the epoch */
  receivedAt: Float64Array;
  /** NaN where a value was absent. */
  numeric: Map<string, Float64Array>;
  text: Map<string, (string | null)[]>;
}

/** Rows a column block holds: a column grows a block at a time, never by copying what it has. */
const BLOCK = 4096;

/**
 * A column of numbers in blocks of BLOCK rows: it grows without the doubling (and the copy, old and new arrays alive
 * at once) of a single growing array, so two hours at 10 Hz take what they hold and no more.
 */
class BlockColumn {
  private readonly blocks: Float64Array[] = [];

  get(i: number): number {
    return this.blocks[Math.floor(i / BLOCK)]![i % BLOCK]!;
  }

  set(i: number, value: number): void {
    const block = Math.floor(i / BLOCK);
    if (block === this.blocks.length) this.blocks.push(new Float64Array(BLOCK));
    this.blocks[block]![i % BLOCK] = value;
  }

  /** Row `index` holds `value`, and the `count` rows from there move one on (a late row, rare: element by element). */
  insert(index: number, count: number, value: number): void {
    for (let i = count; i > index; i--) this.set(i, this.get(i - 1));
    this.set(index, value);
  }

  /** Copies the first `count` rows into `target` at `offset`. */
  copyTo(target: Float64Array, offset: number, count: number): void {
    for (let b = 0; b * BLOCK < count; b++) target.set(this.blocks[b]!.subarray(0, Math.min(BLOCK, count - b * BLOCK)), offset + b * BLOCK);
  }
}

/**
 * The flight so far, kept as columns as it arrives (numbers in blocks, text as runs): a late viewer's history is
 * then a copy per column, and two hours at 10 Hz take 14 MB rather than 72,000 objects. `encode` gives the hello's
 * `telemetry` (JSON) and the binary message that follows it.
 */
export class HistoryColumns {
  count = 0;
  private readonly receivedAt = new BlockColumn();
  private readonly numeric = HISTORY_NUMERIC.map(() => new BlockColumn());
  private readonly text = new Map<string, [string | null, number][]>(HISTORY_TEXT.map((name) => [name, []]));

  constructor(private readonly teamId: number) {}

  append(receivedAt: number, telemetry: Telemetry, reception: Reception = {}): void {
    this.insert(this.count, receivedAt, telemetry, reception);
  }

  /** Where a row of this packet count belongs: after every row of a lower or equal count. */
  indexForCount(packetCount: number): number {
    const counts = this.numeric[0]!;
    // Nearly always the end.
    if (this.count === 0 || counts.get(this.count - 1) <= packetCount) return this.count;
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (counts.get(middle) <= packetCount) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Puts a row at `index`, moving the rows from there one on (at a hub, a frame that arrived late). */
  insert(index: number, receivedAt: number, telemetry: Telemetry, reception: Reception = {}): void {
    // Read from the two objects as they are: a merged copy of a 30-field message each row costs 20 times the rest.
    const row = telemetry as unknown as Record<string, number | string | null>;
    const measured = reception as Record<string, number | null | undefined>;
    const telemetryColumns = TELEMETRY_NUMERIC.length;
    this.receivedAt.insert(index, this.count, receivedAt);
    HISTORY_NUMERIC.forEach((name, column) => {
      const value = column < telemetryColumns ? row[name] : measured[name];
      this.numeric[column]!.insert(index, this.count, typeof value === 'number' ? value : Number.NaN);
    });
    for (const [name, runs] of this.text) insertIntoRuns(runs, index, this.count, (row[name] ?? null) as string | null);
    this.count++;
  }

  /** Row `i` as a telemetry message again (for tests and tools; the receive path never needs it). */
  row(i: number): { receivedAt: number; data: Telemetry } {
    const data: Record<string, number | string | null> = { type: 'telemetry', teamId: this.teamId };
    TELEMETRY_NUMERIC.forEach((name, column) => {
      const value = this.numeric[column]!.get(i);
      data[name] = Number.isNaN(value) ? null : value;
    });
    for (const [name, runs] of this.text) {
      let at = i;
      const run = runs.find(([, rows]) => (at -= rows) < 0);
      data[name] = run ? run[0] : null;
    }
    return { receivedAt: this.receivedAt.get(i), data: data as unknown as Telemetry };
  }

  /** What the station measured of row `i` (its RSSI), null where it measured nothing. */
  reception(i: number): { rssi: number | null } {
    const value = this.numeric[TELEMETRY_NUMERIC.length]!.get(i);
    return { rssi: Number.isNaN(value) ? null : value };
  }

  encode(): { header: TelemetryHistory; numbers: Float64Array } {
    const count = this.count;
    const numbers = new Float64Array(count * (HISTORY_NUMERIC.length + 1));
    this.receivedAt.copyTo(numbers, 0, count);
    this.numeric.forEach((column, i) => column.copyTo(numbers, (i + 1) * count, count));
    const text: TelemetryHistory['text'] = {};
    for (const [name, runs] of this.text) text[name] = runs.map(([value, rows]) => [value, rows]);
    return { header: { count, numeric: HISTORY_NUMERIC, text }, numbers };
  }
}

/** Puts `value` at row `index` of a text column kept as runs of `count` rows in all. */
function insertIntoRuns(runs: [string | null, number][], index: number, count: number, value: string | null): void {
  const last = runs.at(-1);
  // Nearly always at the end, and most often the same value as the row before.
  if (index === count) {
    if (last && last[0] === value) last[1]++;
    else runs.push([value, 1]);
    return;
  }
  let start = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (index < start + run[1]) {
      if (run[0] === value) run[1]++;
      else if (index === start && r > 0 && runs[r - 1]![0] === value) runs[r - 1]![1]++;
      else if (index === start) runs.splice(r, 0, [value, 1]);
      else runs.splice(r, 1, [run[0], index - start], [value, 1], [run[0], start + run[1] - index]);
      return;
    }
    start += run[1];
  }
}

/** The hello's part and the binary part of a history of `rows`. */
export function encodeHistory(rows: readonly { receivedAt: number; data: Telemetry }[], teamId = 0): { header: TelemetryHistory; numbers: Float64Array } {
  const columns = new HistoryColumns(teamId);
  for (const { receivedAt, data } of rows) columns.append(receivedAt, data);
  return columns.encode();
}

/** Reads a hello's history and the bytes that followed it; a string says what is wrong with them. */
export function decodeHistory(header: TelemetryHistory, bytes: ArrayBuffer | Uint8Array): DecodedHistory | string {
  const { count, numeric } = header;
  const expected = 8 * count * (numeric.length + 1);
  if (bytes.byteLength !== expected) return `the history has ${bytes.byteLength} bytes, not the ${expected} its hello announced`;
  // A Float64Array needs an 8-byte aligned start: copy when the bytes sit elsewhere in a larger buffer.
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const aligned = view.byteOffset % 8 === 0 ? view : new Uint8Array(view);
  const numbers = new Float64Array(aligned.buffer, aligned.byteOffset, count * (numeric.length + 1));
  const text = new Map<string, (string | null)[]>();
  for (const [name, runs] of Object.entries(header.text)) {
    const rows = runs.reduce((sum, [, times]) => sum + times, 0);
    if (rows !== count) return `the text column "${name}" has ${rows} rows, not ${count}`;
    const values: (string | null)[] = [];
    for (const [value, times] of runs) for (let i = 0; i < times; i++) values.push(value);
    text.set(name, values);
  }
  return {
    count,
    receivedAt: numbers.subarray(0, count),
    numeric: new Map(numeric.map((name, column) => [name, numbers.subarray((column + 1) * count, (column + 2) * count)])),
    text,
  };
}
