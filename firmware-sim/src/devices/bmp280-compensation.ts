/**
 * The Bosch BMP280/BME280 compensation in 32-bit fixed point, as printed in the BMP280 datasheet (BST-BMP280-DS001,
 * section 8.2, "Compensation formula in 32 bit fixed point") and the BME280 datasheet (section 4.2.3), and its
 * inverse: the raw ADC values a chip must hold for the compensation to give a wanted temperature and pressure.
 */

/** Trimming parameters dig_T1 … dig_P9 (datasheet table 17), as the chip stores them from 0x88. */
export interface Bmp280Calibration {
  T1: number;
  T2: number;
  T3: number;
  P1: number;
  P2: number;
  P3: number;
  P4: number;
  P5: number;
  P6: number;
  P7: number;
  P8: number;
  P9: number;
}

/** The BME280's humidity trimming, dig_H1 … dig_H6. */
export interface Bme280HumidityCalibration {
  H1: number;
  H2: number;
  H3: number;
  H4: number;
  H5: number;
  H6: number;
}

/** The worked example of the BMP280 datasheet (section 3.12): with adc_T 519888 and adc_P 415148, 25.08 °C and 100653 Pa. */
export const DATASHEET_CALIBRATION: Bmp280Calibration = {
  T1: 27504,
  T2: 26435,
  T3: -1000,
  P1: 36477,
  P2: -10685,
  P3: 3024,
  P4: 2855,
  P5: 140,
  P6: -7,
  P7: 15500,
  P8: -14600,
  P9: 6000,
};

/** Typical humidity trimming of a BME280 part. */
export const TYPICAL_HUMIDITY_CALIBRATION: Bme280HumidityCalibration = { H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30 };

/** Temperature in hundredths of °C, and t_fine (which the pressure and humidity formulas need). */
export function compensateTemperature(adcT: number, c: Bmp280Calibration): { centiCelsius: number; tFine: number } {
  const var1 = ((((adcT >> 3) - (c.T1 << 1)) * c.T2) >> 11) | 0;
  const d = (adcT >> 4) - c.T1;
  const var2 = ((((d * d) >> 12) * c.T3) >> 14) | 0;
  const tFine = (var1 + var2) | 0;
  return { centiCelsius: (tFine * 5 + 128) >> 8, tFine };
}

/** Pressure in Pa (integer), from the raw pressure and t_fine. */
export function compensatePressure(adcP: number, tFine: number, c: Bmp280Calibration): number {
  let var1 = (tFine >> 1) - 64000;
  let var2 = (((var1 >> 2) * (var1 >> 2)) >> 11) * c.P6;
  var2 = (var2 + ((var1 * c.P5) << 1)) | 0;
  var2 = ((var2 >> 2) + (c.P4 << 16)) | 0;
  var1 = (((c.P3 * (((var1 >> 2) * (var1 >> 2)) >> 13)) >> 3) + ((c.P2 * var1) >> 1)) >> 18;
  var1 = ((32768 + var1) * c.P1) >> 15;
  if (var1 === 0) return 0; // avoids a division by zero, as the datasheet does
  let p = ((((1_048_576 - adcP) | 0) - (var2 >> 12)) * 3125) >>> 0;
  p = p < 0x80000000 ? Math.floor(((p << 1) >>> 0) / (var1 >>> 0)) : Math.floor(p / (var1 >>> 0)) * 2;
  var1 = (c.P9 * (((p >> 3) * (p >> 3)) >> 13)) >> 12;
  var2 = ((p >> 2) * c.P8) >> 13;
  return (p + ((var1 + var2 + c.P7) >> 4)) >>> 0;
}

/** Relative humidity in 1/1024 %RH (BME280 datasheet 4.2.3). */
export function compensateHumidity(adcH: number, tFine: number, c: Bme280HumidityCalibration): number {
  let v = tFine - 76800;
  v =
    ((((adcH << 14) - (c.H4 << 20) - c.H5 * v + 16384) >> 15) *
      (((((((v * c.H6) >> 10) * (((v * c.H3) >> 11) + 32768)) >> 10) + 2_097_152) * c.H2 + 8192) >> 14)) |
    0;
  v = (v - (((((v >> 15) * (v >> 15)) >> 7) * c.H1) >> 4)) | 0;
  v = Math.max(0, Math.min(v, 419_430_400));
  return v >> 12;
}

/** The largest value of a 20-bit ADC. */
const ADC20_MAX = (1 << 20) - 1;

/** Smallest x in [lo, hi] with f(x) >= target, for f non-decreasing. */
function lowerBound(lo: number, hi: number, f: (x: number) => number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The raw temperature a chip must hold to read `celsius` (nearest step). */
export function rawTemperatureFor(celsius: number, c: Bmp280Calibration): number {
  const target = Math.round(celsius * 100);
  return lowerBound(0, ADC20_MAX, (adc) => compensateTemperature(adc, c).centiCelsius, target);
}

/** The raw pressure a chip must hold to read `pascals` at this t_fine (the compensation falls as adc_P rises). */
export function rawPressureFor(pascals: number, tFine: number, c: Bmp280Calibration): number {
  const target = Math.round(pascals);
  return lowerBound(0, ADC20_MAX, (adc) => -compensatePressure(adc, tFine, c), -target);
}

/** The raw humidity a chip must hold to read `percent` %RH at this t_fine. */
export function rawHumidityFor(percent: number, tFine: number, c: Bme280HumidityCalibration): number {
  const target = Math.round(percent * 1024);
  return lowerBound(0, 0xffff, (adc) => compensateHumidity(adc, tFine, c), target);
}
