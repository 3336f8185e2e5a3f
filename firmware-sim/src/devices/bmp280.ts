import { RegisterDevice } from './i2c-device.ts';
import {
  DATASHEET_CALIBRATION,
  TYPICAL_HUMIDITY_CALIBRATION,
  compensateTemperature,
  rawHumidityFor,
  rawPressureFor,
  rawTemperatureFor,
  type Bme280HumidityCalibration,
  type Bmp280Calibration,
} from './bmp280-compensation.ts';

/** What the chip senses now. */
export interface BarometerInput {
  /** Pa */
  pressure: number;
  /** °C */
  temperature: number;
  /** %RH (BME280 only) */
  humidity: number;
}

/** Register addresses (BMP280 datasheet section 4.3, BME280 section 5.3). */
const REG = {
  CALIB_TP: 0x88, // 24 bytes dig_T1 … dig_P9, little-endian
  CALIB_H1: 0xa1,
  CHIP_ID: 0xd0,
  RESET: 0xe0,
  CALIB_H2: 0xe1, // 7 bytes dig_H2 … dig_H6
  CTRL_HUM: 0xf2,
  STATUS: 0xf3,
  CTRL_MEAS: 0xf4,
  CONFIG: 0xf5,
  PRESS_MSB: 0xf7, // press[19:0] then temp[19:0], MSB first, left-aligned in 3 bytes each
  HUM_MSB: 0xfd,
} as const;

/** Reading a data register before any measurement returns this (datasheet: "0x80000" reset value). */
const ADC_RESET = 0x80000;

/**
 * A Bosch BMP280, or BME280 with humidity, at register level. Its data registers hold the raw ADC values that make
 * the datasheet compensation (with this chip's trimming) give the sensed temperature and pressure, so any driver
 * that follows the datasheet, johnny-five's among them, reads the world unchanged.
 */
export class Bmp280 extends RegisterDevice {
  /** Fixed raw values to report instead of the sensed ones (the datasheet's worked example, for one). */
  rawOverride: { adcT: number; adcP: number } | null = null;

  constructor(
    address: number,
    private readonly sense: () => BarometerInput,
    readonly variant: 'BMP280' | 'BME280' = 'BMP280',
    readonly calibration: Bmp280Calibration = DATASHEET_CALIBRATION,
    readonly humidityCalibration: Bme280HumidityCalibration = TYPICAL_HUMIDITY_CALIBRATION,
  ) {
    super(address);
    this.storeCalibration();
    this.reset();
  }

  private storeCalibration(): void {
    const c = this.calibration;
    [c.T1, c.T2, c.T3, c.P1, c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9].forEach((v, i) => this.setU16LE(REG.CALIB_TP + 2 * i, v & 0xffff));
    const h = this.humidityCalibration;
    this.registers[REG.CALIB_H1] = h.H1;
    this.setU16LE(REG.CALIB_H2, h.H2 & 0xffff);
    this.registers[REG.CALIB_H2 + 2] = h.H3;
    // dig_H4 and dig_H5 are 12-bit values sharing register 0xE5 (BME280 table 16).
    this.registers[REG.CALIB_H2 + 3] = (h.H4 >> 4) & 0xff;
    this.registers[REG.CALIB_H2 + 4] = (h.H4 & 0x0f) | ((h.H5 & 0x0f) << 4);
    this.registers[REG.CALIB_H2 + 5] = (h.H5 >> 4) & 0xff;
    this.registers[REG.CALIB_H2 + 6] = h.H6 & 0xff;
    this.registers[REG.CHIP_ID] = this.variant === 'BMP280' ? 0x58 : 0x60;
  }

  /** Power-on state: sleep mode, data registers at their reset values. */
  private reset(): void {
    this.registers.fill(0, REG.CTRL_HUM, REG.HUM_MSB + 2);
    this.storeAdc(ADC_RESET, ADC_RESET, 0x8000);
  }

  private storeAdc(adcP: number, adcT: number, adcH: number): void {
    const put20 = (at: number, v: number) => {
      this.registers[at] = (v >> 12) & 0xff;
      this.registers[at + 1] = (v >> 4) & 0xff;
      this.registers[at + 2] = (v & 0x0f) << 4;
    };
    put20(REG.PRESS_MSB, adcP);
    put20(REG.PRESS_MSB + 3, adcT);
    this.setU16BE(REG.HUM_MSB, adcH);
  }

  protected override writeRegister(register: number, value: number): void {
    if (register === REG.RESET) {
      if (value === 0xb6) this.reset();
      return;
    }
    // Only the control registers are writable; trimming, ID, status and data are read-only.
    if (register === REG.CTRL_HUM || register === REG.CTRL_MEAS || register === REG.CONFIG) this.registers[register] = value;
  }

  protected beforeRead(register: number, length: number): void {
    if (!this.reads(register, length, REG.PRESS_MSB, REG.HUM_MSB + 1)) return;
    const mode = this.registers[REG.CTRL_MEAS]! & 0x03;
    if (mode === 0) return; // sleep: the last measurement stays
    if (mode !== 0x03) this.registers[REG.CTRL_MEAS] = this.registers[REG.CTRL_MEAS]! & ~0x03; // forced: one measurement, then sleep
    if (this.rawOverride) {
      this.storeAdc(this.rawOverride.adcP, this.rawOverride.adcT, 0x8000);
      return;
    }
    const input = this.sense();
    const adcT = rawTemperatureFor(input.temperature, this.calibration);
    const { tFine } = compensateTemperature(adcT, this.calibration);
    const adcP = rawPressureFor(input.pressure, tFine, this.calibration);
    const adcH = this.variant === 'BME280' ? rawHumidityFor(input.humidity, tFine, this.humidityCalibration) : 0x8000;
    this.storeAdc(adcP, adcT, adcH);
  }
}
