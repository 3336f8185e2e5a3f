/**
 * Height above a reference from pressure (the CanSat's altitude, and what a judges' pressure file means): the
 * hypsometric equation for the standard lapse rate (ICAO Doc 7488), starting from the temperature at the reference:
 *
 *   h = (T_ref / L) · (1 − (p / p_ref)^(R·L / (g·M)))
 *
 * With T_ref measured at the launch site rather than the 288.15 K of sea level, the scale is right at any field
 * elevation (about 2% better at 800 m than the sea-level formula johnny-five's drivers try to use).
 */
const LAPSE = 0.0065; // K/m
const EXPONENT = (8.314_462_618 * LAPSE) / (9.806_65 * 0.028_964_4); // 0.190263

/** Standard temperature at sea level, K: the reference temperature when none was measured. */
export const STANDARD_TEMPERATURE = 288.15;

/** The ground reference set by CAL: pressure (Pa) and air temperature (K) at the pad. */
export interface AltitudeReference {
  pressure: number;
  temperature: number;
}

/** Metres above the reference at `pressure` Pa. */
export function altitudeAbove(pressure: number, reference: AltitudeReference): number {
  return (reference.temperature / LAPSE) * (1 - (pressure / reference.pressure) ** EXPONENT);
}
