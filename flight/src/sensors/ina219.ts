import { EventEmitter } from 'node:events';
import type { IoPlugin } from '../board/io-plugin.ts';

/** Options of Ina219, in johnny-five's style. */
export interface Ina219Options {
  io: IoPlugin;
  /** default 0x40 */
  address?: number;
  /** Shunt resistor, Ω; default 0.1 (most breakout boards). */
  shuntOhms?: number;
  /** Largest current to measure, A; sets the resolution. Default 3.2. */
  maxCurrent?: number;
}

/** One reading. */
export interface PowerReading {
  /** Bus voltage, V */
  voltage: number;
  /** A, positive into the load */
  current: number;
}

/** TI INA219 registers (datasheet SBOS448, section 8.6). */
const REG = { CONFIG: 0x00, BUS: 0x02, CURRENT: 0x04, CALIBRATION: 0x05 } as const;
/** 32 V bus range, ±320 mV shunt range, 12-bit conversions, continuous: the power-on default. */
const CONFIG = 0x399f;

const int16 = (hi: number, lo: number) => ((hi << 8) | lo) << 16 >> 16;

/**
 * A driver for the TI INA219 power monitor, which johnny-five lacks, written as its drivers are: it configures the
 * chip through the IO plugin, reads continuously, and emits 'data' with each complete reading.
 */
export class Ina219 extends EventEmitter {
  readonly address: number;
  /** A per bit of the current register. */
  readonly currentLsb: number;
  private voltage: number | null = null;

  constructor(options: Ina219Options) {
    super();
    this.address = options.address ?? 0x40;
    const shunt = options.shuntOhms ?? 0.1;
    const maxCurrent = options.maxCurrent ?? 3.2;
    if (!(shunt > 0)) throw new TypeError(`"shuntOhms" must be positive, not ${shunt}`);
    if (!(maxCurrent > 0)) throw new TypeError(`"maxCurrent" must be positive, not ${maxCurrent}`);
    // Datasheet equations 1 and 2: Current_LSB = max current / 2^15; Cal = trunc(0.04096 / (Current_LSB × R_shunt)).
    const calibration = Math.min(0xfffe, Math.trunc(0.04096 / ((maxCurrent / 32_768) * shunt))) & 0xfffe;
    this.currentLsb = 0.04096 / (calibration * shunt);
    const { io } = options;
    const address = this.address;
    io.i2cConfig({ address });
    io.i2cWrite(address, REG.CONFIG, [CONFIG >> 8, CONFIG & 0xff]);
    io.i2cWrite(address, REG.CALIBRATION, [calibration >> 8, calibration & 0xff]);
    io.i2cRead(address, REG.BUS, 2, ([hi = 0, lo = 0]) => {
      // Bits 15:3 hold the bus voltage in 4 mV steps (datasheet section 8.6.3.2).
      this.voltage = (((hi << 8) | lo) >> 3) * 0.004;
    });
    io.i2cRead(address, REG.CURRENT, 2, ([hi = 0, lo = 0]) => {
      if (this.voltage === null) return;
      this.emit('data', { voltage: this.voltage, current: int16(hi, lo) * this.currentLsb } satisfies PowerReading);
    });
  }
}
