import { TELEMETRY_FIELDS, type Telemetry } from '@cansat/protocol';
import type { TelemetryHistory } from './ws-messages.ts';

/** Telemetry columns sent as numbers, in this order, after the receive times. */
export const HISTORY_NUMERIC = ['packetCount', 'missionTime', ...TELEMETRY_FIELDS.filter((f) => f.kind === 'number').map((f) => f.name)];

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

/**
 * The flight so far as a hello's `telemetry` (JSON) and the binary message that follows it: float64 columns, the
 * receive times first. Two hours at 10 Hz is 1.7 M numbers; as JSON text they would take the ground and the
 * browser a few hundred ms to write and read, as one block of bytes they take a copy.
 */
export function encodeHistory(rows: readonly { receivedAt: number; data: Telemetry }[]): { header: TelemetryHistory; numbers: Float64Array } {
  const count = rows.length;
  const numbers = new Float64Array(count * (HISTORY_NUMERIC.length + 1));
  for (let i = 0; i < count; i++) numbers[i] = rows[i]!.receivedAt;
  HISTORY_NUMERIC.forEach((name, column) => {
    const offset = (column + 1) * count;
    for (let i = 0; i < count; i++) {
      const value = (rows[i]!.data as unknown as Record<string, number | null>)[name];
      numbers[offset + i] = typeof value === 'number' ? value : Number.NaN;
    }
  });
  const text: TelemetryHistory['text'] = {};
  for (const name of HISTORY_TEXT) {
    const runs: [string | null, number][] = [];
    for (const row of rows) {
      const value = ((row.data as unknown as Record<string, string | null>)[name] ?? null) as string | null;
      const last = runs.at(-1);
      if (last && last[0] === value) last[1]++;
      else runs.push([value, 1]);
    }
    text[name] = runs;
  }
  return { header: { count, numeric: HISTORY_NUMERIC, text }, numbers };
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
