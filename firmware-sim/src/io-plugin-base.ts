import { EventEmitter } from 'node:events';

/** A handler of I2C or serial bytes. */
export type ByteHandler = (bytes: number[]) => void;

/** Pin modes, as Firmata numbers them (johnny-five's IO plugin contract). */
export const MODES = Object.freeze({ INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, SERVO: 4, I2C: 6, SERIAL: 10, UNKNOWN: 99 });

/** A pin as johnny-five expects to find it in `pins`. */
export interface PinState {
  supportedModes: number[];
  mode: number;
  value: number;
  report: number;
  analogChannel: number;
}

/** A Raspberry-Pi-like pin: digital, PWM and servo, no analog input. */
export function digitalPin(): PinState {
  return { supportedModes: [MODES.INPUT, MODES.OUTPUT, MODES.PWM, MODES.SERVO], mode: MODES.OUTPUT, value: 0, report: 0, analogChannel: 127 };
}

/**
 * What the simulator's IO plugins share (https://github.com/rwaldron/io-plugins): the constants, the argument
 * forms johnny-five uses for I2C calls, and the calls that need nothing from a simulated board. Subclasses say
 * where writes, reads and pins go: to chips in this process, or over a socket to a simulator in another.
 */
export abstract class IoPluginBase extends EventEmitter {
  readonly MODES = MODES;
  readonly HIGH = 1;
  readonly LOW = 0;
  readonly RESOLUTION = Object.freeze({ ADC: 1023, DAC: null, PWM: 255 });
  readonly SERIAL_PORT_IDs = Object.freeze({ HW_SERIAL0: 0, HW_SERIAL1: 1, SW_SERIAL0: 8, DEFAULT: 0 });
  readonly defaultLed = 27;
  readonly analogPins: number[] = [];
  isReady = false;
  /** The register each device's pointer was last set to, for reads that name none. */
  private readonly pointers = new Map<number, number>();

  protected abstract drive(pin: number, kind: 'digital' | 'servo' | 'pwm', value: number): void;
  protected abstract writeRegisters(address: number, register: number, bytes: number[]): void;
  protected abstract readRegisters(address: number, register: number, length: number, handler: ByteHandler, once: boolean): void;
  abstract normalize(pin: number | string): number;
  abstract pinMode(pin: number | string, mode: number): this;
  abstract serialRead(portId: number, handler: ByteHandler): this;
  abstract serialWrite(portId: number, bytes: number[]): this;

  digitalWrite(pin: number | string, value: number): this {
    this.drive(this.normalize(pin), 'digital', value ? 1 : 0);
    return this;
  }

  servoWrite(pin: number | string, degrees: number): this {
    this.drive(this.normalize(pin), 'servo', Math.max(0, Math.min(180, degrees)));
    return this;
  }

  pwmWrite(pin: number | string, value: number): this {
    this.drive(this.normalize(pin), 'pwm', Math.max(0, Math.min(255, value)));
    return this;
  }

  analogWrite(pin: number | string, value: number): this {
    return this.pwmWrite(pin, value);
  }

  analogRead(): never {
    // The contract: an essential feature the board cannot have must throw. A Raspberry Pi has no ADC either.
    throw new Error('the simulated board, like a Raspberry Pi, has no analog inputs');
  }

  /** i2cWrite(address, [register, …bytes]) or i2cWrite(address, register, bytes | byte). */
  i2cWrite(address: number, registerOrBytes: number | number[], data?: number | number[]): this {
    const [register, bytes] = Array.isArray(registerOrBytes)
      ? [registerOrBytes[0] ?? 0, registerOrBytes.slice(1)]
      : [registerOrBytes, data === undefined ? [] : Array.isArray(data) ? data : [data]];
    this.pointers.set(address, register);
    this.writeRegisters(address, register, bytes);
    return this;
  }

  i2cWriteReg(address: number, register: number, value: number): this {
    return this.i2cWrite(address, register, [value]);
  }

  /** Continuous reads: i2cRead(address, register, length, handler) or i2cRead(address, length, handler). */
  i2cRead(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    return this.read(address, args, false);
  }

  i2cReadOnce(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    return this.read(address, args, true);
  }

  private read(address: number, args: [number, number, ByteHandler] | [number, ByteHandler], once: boolean): this {
    const [register, length, handler] = args.length === 3 ? args : [this.pointers.get(address) ?? 0, args[0], args[1]];
    this.readRegisters(address, register, length, handler, once);
    return this;
  }

  servoConfig(): this {
    return this;
  }

  i2cConfig(): this {
    return this;
  }

  serialConfig(): this {
    return this;
  }

  serialStop(): this {
    return this;
  }

  serialClose(): this {
    return this;
  }

  serialFlush(): this {
    return this;
  }

  serialListen(): this {
    return this;
  }
}
