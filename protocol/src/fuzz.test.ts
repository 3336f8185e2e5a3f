import { describe, expect, it } from 'vitest';
import { runFuzz } from './testing/fuzz.ts';

describe('deframe under fuzzing', () => {
  it('survives 100 000 hostile inputs: no throw, no corrupted frame accepted, every intact frame recovered', () => {
    const report = runFuzz(100_000, 20_261_125);
    expect(report.firstFailure).toBeUndefined();
    expect(report).toMatchObject({ throws: 0, corruptedAccepted: 0, intactSent: 100_000, intactRecovered: 100_000 });
    // Every kind of damage was actually produced and caught.
    expect(report.rejected['bad-crc']).toBeGreaterThan(10_000);
    expect(report.rejected['bad-length']).toBeGreaterThan(10_000);
  }, 60_000);
});
