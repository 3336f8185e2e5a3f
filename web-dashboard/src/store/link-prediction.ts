import { RADIO_MODULES, expectedRssiDbm, type LinkSetup } from '@cansat/protocol';
import type { GroundPosition, Hello } from '@cansat/protocol/station';
import { distanceAndBearing } from '../views/geometry.ts';

/**
 * The signal the link budget expects at a row: the ground radio's datasheet figures and the crew's antenna and
 * cable (the hello's), over the slant range from the station to the can (its GPS fix, its height above the pad).
 * Null without a station position, a fix or a height: no guess.
 */
export function linkPredictor(radio: Hello['radio'], station: GroundPosition | null): ((row: Record<string, number | null | undefined>) => number | null) | null {
  const module = RADIO_MODULES.find((r) => r.id === radio?.module);
  if (!radio || !module || !station) return null;
  const setup: LinkSetup = { radio: module, groundAntennaDbi: radio.antennaDbi, cableLossDb: radio.cableDb };
  return (row) => {
    const { latitude, longitude, altitude } = row;
    if (latitude == null || longitude == null || altitude == null) return null;
    const { distance } = distanceAndBearing(station, { latitude, longitude });
    return expectedRssiDbm(setup, Math.hypot(distance, altitude));
  };
}
