import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from './cobs.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const run = (from: number, to: number) => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

// The examples of Cheshire and Baker's paper as listed on Wikipedia's COBS page.
const VECTORS: [string, Uint8Array, Uint8Array][] = [
  ['empty', new Uint8Array(0), hex('01')],
  ['one zero', hex('00'), hex('0101')],
  ['two zeros', hex('0000'), hex('010101')],
  ['zero, byte, zero', hex('001100'), hex('01021101')],
  ['zero inside', hex('11220033'), hex('0311220233')],
  ['no zero', hex('11223344'), hex('0511223344')],
  ['trailing zeros', hex('11000000'), hex('0211010101')],
  ['254 non-zero bytes', run(0x01, 0xfe), cat(hex('ff'), run(0x01, 0xfe))],
  ['zero then 254 non-zero', cat(hex('00'), run(0x01, 0xfe)), cat(hex('01ff'), run(0x01, 0xfe))],
  ['255 non-zero bytes', run(0x01, 0xff), cat(hex('ff'), run(0x01, 0xfe), hex('02ff'))],
  ['254 non-zero then zero', cat(run(0x02, 0xff), hex('00')), cat(hex('ff'), run(0x02, 0xff), hex('0101'))],
  ['253 non-zero, zero, one', cat(run(0x03, 0xff), hex('0001')), cat(hex('fe'), run(0x03, 0xff), hex('0201'))],
];

describe('COBS', () => {
  it.each(VECTORS)('encodes and decodes the published example: %s', (_, decoded, encoded) => {
    expect(cobsEncode(decoded)).toEqual(encoded);
    expect(cobsDecode(encoded)).toEqual(decoded);
  });

  it('round-trips any bytes, never emits 0x00 and stays within the overhead bound', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (bytes) => {
        const encoded = cobsEncode(bytes);
        expect(encoded.includes(0)).toBe(false);
        expect(encoded.length).toBeLessThanOrEqual(cobsMaxEncodedLength(bytes.length));
        expect(cobsDecode(encoded)).toEqual(bytes);
      }),
    );
  });

  it('rejects a zero byte or a code that runs past the end', () => {
    expect(cobsDecode(hex('0311'))).toBeNull();
    expect(cobsDecode(hex('031100'))).toBeNull();
    expect(cobsDecode(hex('00'))).toBeNull();
  });
});
