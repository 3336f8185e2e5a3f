import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Telemetry } from '../messages/index.ts';
import { SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';
import { decodeHistory, encodeHistory, HISTORY_NUMERIC, HISTORY_TEXT, HistoryColumns } from './history.ts';

const telemetry = (packetCount: number, overrides: Partial<Telemetry>): Telemetry => ({ ...SAMPLE_TELEMETRY, magR: null, magP: null, magY: null, cmdEcho: null, packetCount, ...overrides });

const rows = [1, 2, 3, 4].map((n) => ({
  receivedAt: 1_800_000_000_000 + n * 100,
  data: telemetry(n, { altitude: n === 3 ? null : n * 1.5, state: n < 4 ? 'ASCENT' : 'APOGEE', cmdEcho: n === 2 ? 'CXON' : null }),
}));

describe('telemetry history for a late viewer', () => {
  it('comes back column by column as it went, absent values as NaN, text as runs', () => {
    const { header, numbers } = encodeHistory(rows);
    expect(header.count).toBe(4);
    expect(numbers.length).toBe(4 * (HISTORY_NUMERIC.length + 1));
    expect(header.text['state']).toEqual([['ASCENT', 3], ['APOGEE', 1]]);
    expect(header.text['cmdEcho']).toEqual([[null, 1], ['CXON', 1], [null, 2]]);
    // Through JSON and the bytes a WebSocket carries.
    const bytes = new Uint8Array(numbers.buffer).slice();
    const history = decodeHistory(JSON.parse(JSON.stringify(header)), bytes.buffer);
    if (typeof history === 'string') throw new Error(history);
    expect([...history.receivedAt]).toEqual(rows.map((r) => r.receivedAt));
    expect([...history.numeric.get('packetCount')!]).toEqual([1, 2, 3, 4]);
    expect([...history.numeric.get('altitude')!]).toEqual([1.5, 3, Number.NaN, 6]);
    expect([...history.numeric.get('magR')!].every(Number.isNaN)).toBe(true);
    expect(history.text.get('state')).toEqual(['ASCENT', 'ASCENT', 'ASCENT', 'APOGEE']);
    expect([...history.numeric.keys()].sort()).toEqual([...HISTORY_NUMERIC].sort());
    expect([...history.text.keys()].sort()).toEqual([...HISTORY_TEXT].sort());
  });

  it('reads bytes that sit at an odd offset of a larger buffer, as a Node Buffer may', () => {
    const { header, numbers } = encodeHistory(rows);
    const larger = new Uint8Array(numbers.byteLength + 3);
    larger.set(new Uint8Array(numbers.buffer), 3);
    const history = decodeHistory(header, larger.subarray(3));
    if (typeof history === 'string') throw new Error(history);
    expect([...history.numeric.get('packetCount')!]).toEqual([1, 2, 3, 4]);
  });

  it('an empty flight is a hello and zero bytes', () => {
    const { header, numbers } = encodeHistory([]);
    expect(numbers.byteLength).toBe(0);
    const history = decodeHistory(header, new ArrayBuffer(0));
    expect(typeof history === 'string' ? history : history.count).toBe(0);
  });

  it('says what is wrong with bytes or runs that do not match the hello', () => {
    const { header, numbers } = encodeHistory(rows);
    const expected = numbers.byteLength;
    const bytes = new Uint8Array(numbers.buffer);
    expect(decodeHistory(header, bytes.subarray(8))).toBe(`the history has ${expected - 8} bytes, not the ${expected} its hello announced`);
    expect(decodeHistory({ ...header, text: { state: [['ASCENT', 1_000_000_000]] } }, bytes)).toBe('the text column "state" has 1000000000 rows, not 4');
  });

  it('keeps the flight as columns as it grows, and gives each message back as it came', () => {
    const columns = new HistoryColumns(1234);
    const sent = Array.from({ length: 3000 }, (_, i) => ({ receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1, { state: i < 2000 ? 'ASCENT' : 'DESCENT', gpsSats: i % 7 === 0 ? null : 9 }) }));
    for (const { receivedAt, data } of sent) columns.append(receivedAt, data);
    expect(columns.count).toBe(3000);
    for (const i of [0, 1023, 1024, 1999, 2000, 2999]) expect(columns.row(i)).toEqual(sent[i]);
    const history = decodeHistory(columns.encode().header, columns.encode().numbers.slice().buffer);
    if (typeof history === 'string') throw new Error(history);
    expect(history.numeric.get('packetCount')!.at(-1)).toBe(3000);
    expect(history.text.get('state')![1999]).toBe('ASCENT');
    expect(history.text.get('state')![2000]).toBe('DESCENT');
  });

  it('puts a row that arrives late where its packet count belongs: the same columns as if every row had come in order', () => {
    const states = ['ASCENT', 'APOGEE', 'DESCENT'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 }), (spec) => {
        const all = spec.map(([state, echo, arrival], i) => ({ arrival, receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1, { altitude: i, state: states[state]!, cmdEcho: echo ? 'CXON' : null }) }));
        const late = new HistoryColumns(0);
        for (const row of [...all].sort((a, b) => a.arrival - b.arrival)) late.insert(late.indexForCount(row.data.packetCount), row.receivedAt, row.data);
        const inOrder = encodeHistory(all);
        const got = late.encode();
        expect(got.header).toEqual(inOrder.header);
        expect([...got.numbers]).toEqual([...inOrder.numbers]);
      }),
    );
  });

  it('keeps a long flight across its column blocks, and a late row among them', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => ({ receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1, { altitude: i % 977, state: i < 6000 ? 'ASCENT' : 'DESCENT' }) }));
    const late = new HistoryColumns(0);
    for (const row of all) if (row.data.packetCount !== 4097) late.append(row.receivedAt, row.data);
    const missing = all[4096]!;
    late.insert(late.indexForCount(missing.data.packetCount), missing.receivedAt, missing.data);
    const inOrder = encodeHistory(all);
    const got = late.encode();
    expect(got.header).toEqual(inOrder.header);
    expect(Buffer.from(got.numbers.buffer).equals(Buffer.from(inOrder.numbers.buffer))).toBe(true);
    expect(late.row(9999).data.packetCount).toBe(10_000);
  });
});
