import { freeSpaceLossDb } from '@cansat/protocol';
import type { GroundSite, Scenario } from '../scenario.ts';

/**
 * Three stations as a launch field has them, for `--stations`: the team's beside the pad with a whip, the
 * judges' at the range head with a better antenna, a school's across the field behind trees with a Yagi. Each
 * has its own deaf spell, at a different time. With the nominal flight (drifting east on a west wind) each
 * loses a few per cent of the frames, at different moments.
 */
export const EXAMPLE_SITES: readonly GroundSite[] = [
  { id: 'team', north: -120, east: -60, height: 1.5, antennaGainDbi: 2.1, obstructionDb: 8, blackouts: [{ from: 20, to: 30 }] },
  { id: 'judges', north: 250, east: 300, height: 3, antennaGainDbi: 5, obstructionDb: 11, blackouts: [{ from: 55, to: 63 }] },
  { id: 'school', north: 900, east: 1400, height: 2, antennaGainDbi: 9, obstructionDb: 9, blackouts: [{ from: 40, to: 48 }] },
];

/**
 * The link's margin above the ground radio's sensitivity, dB, with the CanSat at (north, east, altitude) from the
 * pad: transmit power and antenna gain, less the free-space path loss over the slant range and what stands in the
 * way. The CanSat's own antenna counts 0 dBi (a wire inside a can, pointing anywhere).
 */
export function linkMarginDb(site: GroundSite, radio: Scenario['radio'], cansat: { north: number; east: number; altitude: number }): number {
  const range = Math.max(1, Math.hypot(cansat.north - site.north, cansat.east - site.east, cansat.altitude - site.height));
  const pathLoss = freeSpaceLossDb(radio.frequencyMHz, range);
  return radio.txPowerDbm + site.antennaGainDbi - pathLoss - site.obstructionDb - radio.sensitivityDbm;
}

/**
 * The chance that a packet is lost at this margin: the signal wanders about its mean by a normal spread of
 * `fadingDb` (a tumbling can, multipath), and a packet is lost when it falls below the sensitivity.
 */
export function packetLossAtMargin(marginDb: number, fadingDb: number): number {
  return 1 - normalCdf(marginDb / fadingDb);
}

/** Φ(x), the standard normal distribution (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
