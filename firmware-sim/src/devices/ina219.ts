import { int16, type I2cDevice } from './i2c-device.ts';

/** What the chip senses now. */
export interface PowerInput {
  /** Bus voltage, V. */
  voltage: number;
  /** Current through the shunt, A. */
  current: number;
}

/** Register pointers (TI INA219 datasheet SBOS448, section 8.6). Every register is 16 bits, big-endian. */
const REG = { CONFIG: 0, SHUNT: 1, BUS: 2, POWER: 3, CURRENT: 4, CALIBRATION: 5 } as const;
const CONFIG_RESET = 0x399f;

/**
 * A TI INA219 power monitor at register level: shunt voltage in 10 µV steps, bus voltage in 4 mV steps (bits 15:3,
 * conversion-ready in bit 1), and the current and power registers derived from the calibration register by the
 * datasheet's equations (both read 0 until a calibration is written). A read returns the pointed register; the
 * pointer does not auto-increment.
 */
export class Ina219 implements I2cDevice {
  private readonly registers = new Uint16Array(6);

  constructor(
    readonly address: number,
    private readonly sense: () => PowerInput,
    /** Shunt resistor, Ω. */
    readonly shunt = 0.1,
  ) {
    this.registers[REG.CONFIG] = CONFIG_RESET;
  }

  read(register: number, length: number): Uint8Array | null {
    if (register > REG.CALIBRATION) return null;
    this.measure();
    const value = this.registers[register]!;
    return Uint8Array.from({ length }, (_, i) => (i % 2 === 0 ? value >> 8 : value & 0xff));
  }

  write(register: number, bytes: readonly number[]): boolean {
    if (register > REG.CALIBRATION) return false;
    if (bytes.length < 2) return true; // a pointer write before a read
    const value = ((bytes[0]! & 0xff) << 8) | (bytes[1]! & 0xff);
    if (register === REG.CONFIG) {
      // Bit 15 resets every register to its power-on value.
      if (value & 0x8000) this.registers.fill(0).set([CONFIG_RESET]);
      else this.registers[REG.CONFIG] = value;
    } else if (register === REG.CALIBRATION) {
      this.registers[REG.CALIBRATION] = value & 0xfffe; // bit 0 is read-only, always 0
    }
    return true;
  }

  private measure(): void {
    const { voltage, current } = this.sense();
    const shuntRaw = int16((current * this.shunt) / 10e-6);
    const busRaw = Math.max(0, Math.min(8000, Math.round(voltage / 0.004)));
    const calibration = this.registers[REG.CALIBRATION]!;
    // Equation 4: current register = shunt voltage register × calibration / 4096.
    const currentRaw = int16(Math.trunc((shuntRaw * calibration) / 4096));
    // Equation 5: power register = current register × bus voltage register / 5000.
    const powerRaw = Math.min(0xffff, Math.trunc(Math.abs(currentRaw * busRaw) / 5000));
    this.registers[REG.SHUNT] = shuntRaw & 0xffff;
    this.registers[REG.BUS] = (busRaw << 3) | 0x02;
    this.registers[REG.POWER] = powerRaw;
    this.registers[REG.CURRENT] = currentRaw & 0xffff;
  }
}
