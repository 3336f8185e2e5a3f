import { describe, expect, it } from 'vitest';
import { CounterUnwrapper } from './counter-unwrapper.ts';

describe('CounterUnwrapper', () => {
  it('counts on past the wire modulus, through gaps and late duplicates', () => {
    const u = new CounterUnwrapper(16);
    expect(u.unwrap(65_530)).toBe(65_530);
    expect(u.unwrap(65_535)).toBe(65_535);
    expect(u.unwrap(3)).toBe(65_539);
    expect(u.unwrap(2)).toBe(65_538);
    expect(u.unwrap(1000)).toBe(66_536);
  });
});
