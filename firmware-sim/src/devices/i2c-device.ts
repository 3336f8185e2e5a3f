/** A chip on the simulated I2C bus. */
export interface I2cDevice {
  readonly address: number;
  /** Reads `length` bytes from `register` on (auto-incrementing); null when the chip does not acknowledge. */
  read(register: number, length: number): Uint8Array | null;
  /** Writes `bytes` from `register` on; false when the chip does not acknowledge. */
  write(register: number, bytes: readonly number[]): boolean;
}

/**
 * A chip modelled as its register map: 256 bytes, reads and writes auto-increment as on Bosch, InvenSense and TI
 * parts. Subclasses refresh their data registers before a read and react to writes of control registers.
 */
export abstract class RegisterDevice implements I2cDevice {
  protected readonly registers = new Uint8Array(256);

  constructor(readonly address: number) {}

  read(register: number, length: number): Uint8Array | null {
    this.beforeRead(register, length);
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.registers[(register + i) & 0xff]!;
    return out;
  }

  write(register: number, bytes: readonly number[]): boolean {
    bytes.forEach((byte, i) => this.writeRegister((register + i) & 0xff, byte & 0xff));
    return true;
  }

  /** Updates measurement registers overlapping [register, register + length). */
  protected abstract beforeRead(register: number, length: number): void;

  /** Stores a written byte; subclasses intercept read-only and command registers. */
  protected writeRegister(register: number, value: number): void {
    this.registers[register] = value;
  }

  protected reads(register: number, length: number, from: number, to: number): boolean {
    return register <= to && register + length > from;
  }

  protected setU16BE(register: number, value: number): void {
    this.registers[register] = (value >> 8) & 0xff;
    this.registers[register + 1] = value & 0xff;
  }

  protected setU16LE(register: number, value: number): void {
    this.registers[register] = value & 0xff;
    this.registers[register + 1] = (value >> 8) & 0xff;
  }
}

/** Clamps to a signed 16-bit register value, as a saturated ADC does. */
export function int16(value: number): number {
  return Math.max(-32_768, Math.min(32_767, Math.round(value)));
}
