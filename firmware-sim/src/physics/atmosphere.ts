/**
 * The International Standard Atmosphere troposphere (ICAO Doc 7488, ISO 2533), up to 11 km: temperature falls
 * 6.5 K per km from 288.15 K, pressure follows the barometric formula.
 */
export const ISA = {
  /** Sea-level pressure, Pa. */
  P0: 101_325,
  /** Sea-level temperature, K. */
  T0: 288.15,
  /** Temperature lapse rate, K/m. */
  LAPSE: 0.0065,
  /** Standard gravity, m/s². */
  G0: 9.806_65,
  /** Molar mass of dry air, kg/mol. */
  M: 0.028_964_4,
  /** Universal gas constant, J/(mol·K). */
  R: 8.314_462_618,
} as const;

const EXPONENT = (ISA.G0 * ISA.M) / (ISA.R * ISA.LAPSE);

/** The weather of the day: sea-level pressure and a temperature offset from the standard day. */
export interface Weather {
  /** Pa; default ISA.P0. */
  seaLevelPressure: number;
  /** K added to the ISA temperature at every height; default 0. */
  temperatureOffset: number;
}

export const STANDARD_DAY: Weather = { seaLevelPressure: ISA.P0, temperatureOffset: 0 };

/** Air temperature in K at `altitude` metres above mean sea level. */
export function temperatureAt(altitude: number, weather: Weather = STANDARD_DAY): number {
  return ISA.T0 - ISA.LAPSE * altitude + weather.temperatureOffset;
}

/** Air pressure in Pa at `altitude` metres above mean sea level. */
export function pressureAt(altitude: number, weather: Weather = STANDARD_DAY): number {
  return weather.seaLevelPressure * (1 - (ISA.LAPSE * altitude) / ISA.T0) ** EXPONENT;
}

/** Air density in kg/m³ at `altitude` metres above mean sea level (ideal gas). */
export function densityAt(altitude: number, weather: Weather = STANDARD_DAY): number {
  return (pressureAt(altitude, weather) * ISA.M) / (ISA.R * temperatureAt(altitude, weather));
}
