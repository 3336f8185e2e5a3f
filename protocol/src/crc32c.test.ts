import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.ts';
import { CRC32C_VECTORS } from './testing/vectors.ts';

describe('crc32c', () => {
  it.each(CRC32C_VECTORS)('matches the published check value for $label', ({ bytes, crc }) => {
    expect(crc32c(bytes)).toBe(crc);
  });

  it('computes over a sub-range, at any alignment', () => {
    const digits = new TextEncoder().encode('123456789');
    for (let cut = 0; cut <= 9; cut++) {
      const padded = new Uint8Array(20).fill(0x77);
      padded.set(digits, cut);
      expect(crc32c(padded, cut, cut + 9)).toBe(0xe3069283);
    }
  });
});
