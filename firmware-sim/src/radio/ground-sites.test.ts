import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../scenario.ts';
import { EXAMPLE_SITES, linkMarginDb, packetLossAtMargin } from './ground-sites.ts';

const radio = resolveScenario({}).radio;
const site = { id: 'here', north: 0, east: 0, height: 2, antennaGainDbi: 2.1, obstructionDb: 0, blackouts: [] };

describe('a station\'s link budget', () => {
  it('loses 6 dB each time the range doubles, and what stands in the way', () => {
    const at = (east: number, obstructionDb = 0) => linkMarginDb({ ...site, obstructionDb }, radio, { north: 0, east, altitude: 2 });
    // Free space at 2.4 GHz: 40.0 dB at 1 m, 100.0 dB at 1 km; 8 dBm + 2.1 dBi - 100.0 dB against -103 dBm.
    expect(at(1000)).toBeCloseTo(8 + 2.1 - 100.05 + 103, 1);
    expect(at(1000) - at(2000)).toBeCloseTo(6.02, 2);
    expect(at(1000) - at(1000, 10)).toBeCloseTo(10, 6);
  });

  it('loses half the packets at zero margin, almost none well above, almost all well below', () => {
    expect(packetLossAtMargin(0, 6)).toBeCloseTo(0.5, 6);
    expect(packetLossAtMargin(6, 6)).toBeCloseTo(0.1587, 3);
    expect(packetLossAtMargin(-6, 6)).toBeCloseTo(0.8413, 3);
    expect(packetLossAtMargin(30, 6)).toBeLessThan(1e-6);
  });

  it('places the example stations apart, each with a deaf spell of its own', () => {
    expect(new Set(EXAMPLE_SITES.map((s) => s.id)).size).toBe(3);
    const spells = EXAMPLE_SITES.map((s) => s.blackouts[0]!);
    for (const [i, a] of spells.entries()) for (const b of spells.slice(i + 1)) expect(a.to <= b.from || b.to <= a.from).toBe(true);
  });
});
