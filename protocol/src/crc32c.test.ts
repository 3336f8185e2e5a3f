import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.ts';

const range = (from: number, to: number) => Uint8Array.from({ length: to - from }, (_, i) => from + i);

describe('crc32c', () => {
  // RFC 3720 (iSCSI) appendix B.4 and the common "123456789" check value.
  it.each([
    ['"123456789"', new TextEncoder().encode('123456789'), 0xe3069283],
    ['32 bytes of 0x00', new Uint8Array(32), 0x8a9136aa],
    ['32 bytes of 0xff', new Uint8Array(32).fill(0xff), 0x62a8ab43],
    ['32 incrementing bytes', range(0, 32), 0x46dd794e],
    ['32 decrementing bytes', range(0, 32).reverse(), 0x113fdb5c],
    ['no bytes', new Uint8Array(0), 0],
  ])('matches the published check value for %s', (_, bytes, expected) => {
    expect(crc32c(bytes)).toBe(expected);
  });

  it('computes over a sub-range, at any alignment', () => {
    const data = new TextEncoder().encode('xx123456789yy');
    expect(crc32c(data, 2, 11)).toBe(0xe3069283);
    for (let cut = 0; cut <= 9; cut++) {
      const padded = new Uint8Array(20);
      padded.set(new TextEncoder().encode('123456789'), cut);
      expect(crc32c(padded, cut, cut + 9)).toBe(0xe3069283);
    }
  });
});
