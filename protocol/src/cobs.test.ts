import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from './cobs.ts';
import { COBS_VECTORS } from './testing/vectors.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

describe('COBS', () => {
  it.each(COBS_VECTORS)('encodes and decodes the published example: $label', ({ decoded, encoded }) => {
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
