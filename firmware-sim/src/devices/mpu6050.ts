import { RegisterDevice, int16 } from './i2c-device.ts';

/** What the chip senses now, in its own axes. */
export interface ImuInput {
  /** Specific force, m/s² (x, y, z). */
  accel: readonly [number, number, number];
  /** Rotation rate, °/s. */
  gyro: readonly [number, number, number];
  /** Die temperature, °C. */
  temperature: number;
}

/** Register addresses (MPU-6000/6050 register map RM-MPU-6000A). */
const REG = {
  GYRO_CONFIG: 0x1b, // FS_SEL in bits 4:3
  ACCEL_CONFIG: 0x1c, // AFS_SEL in bits 4:3
  ACCEL_XOUT_H: 0x3b, // accel x, y, z, temperature, gyro x, y, z: 14 bytes, big-endian
  PWR_MGMT_1: 0x6b, // bit 6 SLEEP, set at power-on
  WHO_AM_I: 0x75,
} as const;

const G = 9.806_65;

/**
 * An InvenSense MPU-6050 at register level: accelerations and rates scaled to the full-scale ranges the driver
 * configured (±2 … ±16 g, ±250 … ±2000 °/s), saturating as the real ADC does.
 */
export class Mpu6050 extends RegisterDevice {
  constructor(
    address: number,
    private readonly sense: () => ImuInput,
  ) {
    super(address);
    this.registers[REG.WHO_AM_I] = 0x68;
    this.registers[REG.PWR_MGMT_1] = 0x40;
  }

  /** LSB per g at the configured range: 16384 at ±2 g, halving per step (datasheet table 6.2). */
  get accelLsbPerG(): number {
    return 16_384 >> ((this.registers[REG.ACCEL_CONFIG]! >> 3) & 3);
  }

  /** LSB per °/s at the configured range: 131 at ±250 °/s, halving per step (datasheet table 6.1). */
  get gyroLsbPerDps(): number {
    return 131 / 2 ** ((this.registers[REG.GYRO_CONFIG]! >> 3) & 3);
  }

  protected override writeRegister(register: number, value: number): void {
    if (register === REG.WHO_AM_I || (register >= REG.ACCEL_XOUT_H && register < REG.ACCEL_XOUT_H + 14)) return;
    this.registers[register] = value;
  }

  protected beforeRead(register: number, length: number): void {
    if (!this.reads(register, length, REG.ACCEL_XOUT_H, REG.ACCEL_XOUT_H + 13)) return;
    if (this.registers[REG.PWR_MGMT_1]! & 0x40) return; // asleep: registers keep their last values
    const { accel, gyro, temperature } = this.sense();
    const values = [
      ...accel.map((a) => int16((a / G) * this.accelLsbPerG)),
      // Temperature in °C = raw / 340 + 36.53 (register map section 4.18).
      int16((temperature - 36.53) * 340),
      ...gyro.map((w) => int16(w * this.gyroLsbPerDps)),
    ];
    values.forEach((v, i) => this.setU16BE(REG.ACCEL_XOUT_H + 2 * i, v & 0xffff));
  }
}
