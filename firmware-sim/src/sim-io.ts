import { EventEmitter } from 'node:events';
import type { SimClock, TimerHandle } from './clock.ts';
import type { I2cDevice } from './devices/i2c-device.ts';

/** A device on a simulated serial port (a GPS module). */
export interface SerialDevice {
  /** Bytes of the next update, null when the device sends nothing this time. */
  update(): Uint8Array | null;
  /** Time to the next update, ms. */
  readonly updatePeriodMs: number;
  receive(bytes: Uint8Array): void;
}

/** What the board is wired to. */
export interface SimBoard {
  clock: SimClock;
  i2c: readonly I2cDevice[];
  serial: ReadonlyMap<number, SerialDevice>;
  /** Called when the program drives a pin: digitalWrite (0/1), servoWrite (degrees), pwmWrite (0-255). */
  onPinWrite?: (pin: number, mode: 'digital' | 'servo' | 'pwm', value: number) => void;
}

/** Options of SimIO. */
export interface SimIoOptions {
  /** How often continuous I2C reads repeat, ms; default 20 (Firmata's default is 19). */
  samplingIntervalMs?: number;
  /** GPIO pins, numbered 0 … count-1 like a Raspberry Pi's BCM numbers; default 28. */
  pinCount?: number;
}

interface PinState {
  supportedModes: number[];
  mode: number;
  value: number;
  report: number;
  analogChannel: number;
}

type ByteHandler = (bytes: number[]) => void;

const MODES = Object.freeze({ INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, SERVO: 4, I2C: 6, SERIAL: 10, UNKNOWN: 99 });

/**
 * A johnny-five IO plugin (https://github.com/rwaldron/io-plugins) whose I2C bus, serial ports and pins lead to
 * simulated chips instead of hardware. Like raspi-io it has digital, PWM and servo pins but no analog inputs. Every
 * continuous read runs on the simulator's clock, so a whole flight can run on a virtual clock.
 */
export class SimIO extends EventEmitter {
  readonly MODES = MODES;
  readonly HIGH = 1;
  readonly LOW = 0;
  readonly RESOLUTION = Object.freeze({ ADC: 1023, DAC: null, PWM: 255 });
  readonly SERIAL_PORT_IDs = Object.freeze({ HW_SERIAL0: 0, HW_SERIAL1: 1, SW_SERIAL0: 8, DEFAULT: 0 });
  readonly name = 'firmware-sim';
  readonly defaultLed = 27;
  readonly pins: PinState[];
  readonly analogPins: number[] = [];
  isReady = false;

  /** I2C transfers the chips did not acknowledge. */
  nacks = 0;
  private readonly devices = new Map<number, I2cDevice>();
  private readonly pointers = new Map<number, number>();
  private readonly timers = new Set<TimerHandle>();
  private readonly sampling: number;
  private closed = false;

  constructor(
    private readonly board: SimBoard,
    options: SimIoOptions = {},
  ) {
    super();
    this.sampling = options.samplingIntervalMs ?? 20;
    if (!(this.sampling > 0)) throw new TypeError(`"samplingIntervalMs" must be positive, not ${this.sampling}`);
    for (const device of board.i2c) this.devices.set(device.address, device);
    this.pins = Array.from({ length: options.pinCount ?? 28 }, () => ({
      supportedModes: [MODES.INPUT, MODES.OUTPUT, MODES.PWM, MODES.SERVO],
      mode: MODES.OUTPUT,
      value: 0,
      report: 0,
      analogChannel: 127,
    }));
    // The plugin contract: "connect" then "ready", asynchronously.
    process.nextTick(() => {
      this.emit('connect');
      this.isReady = true;
      this.emit('ready');
    });
  }

  /** Accepts BCM numbers, or names like "GPIO12". */
  normalize(pin: number | string): number {
    const n = typeof pin === 'number' ? pin : Number(/^(?:GPIO)?(\d+)$/i.exec(String(pin))?.[1] ?? Number.NaN);
    if (!Number.isInteger(n) || n < 0 || n >= this.pins.length) throw new RangeError(`no pin ${String(pin)} on the simulated board`);
    return n;
  }

  pinMode(pin: number | string, mode: number): this {
    this.pin(pin).mode = mode;
    return this;
  }

  digitalWrite(pin: number | string, value: number): this {
    return this.drive(pin, 'digital', value ? 1 : 0);
  }

  servoWrite(pin: number | string, degrees: number): this {
    return this.drive(pin, 'servo', Math.max(0, Math.min(180, degrees)));
  }

  pwmWrite(pin: number | string, value: number): this {
    return this.drive(pin, 'pwm', Math.max(0, Math.min(255, value)));
  }

  analogWrite(pin: number | string, value: number): this {
    return this.pwmWrite(pin, value);
  }

  servoConfig(): this {
    return this;
  }

  digitalRead(pin: number | string, handler: (value: number) => void): void {
    const state = this.pin(pin);
    this.every(this.sampling, () => handler(state.value));
  }

  analogRead(): never {
    // The contract: an essential feature the board cannot have must throw. A Raspberry Pi has no ADC either.
    throw new Error('the simulated board, like a Raspberry Pi, has no analog inputs');
  }

  i2cConfig(): this {
    return this;
  }

  /** i2cWrite(address, [register, …bytes]) or i2cWrite(address, register, bytes | byte). */
  i2cWrite(address: number, registerOrBytes: number | number[], data?: number | number[]): this {
    const [register, bytes] = Array.isArray(registerOrBytes)
      ? [registerOrBytes[0] ?? 0, registerOrBytes.slice(1)]
      : [registerOrBytes, data === undefined ? [] : Array.isArray(data) ? data : [data]];
    this.pointers.set(address, register);
    const device = this.devices.get(address);
    if (!device || !device.write(register, bytes)) this.nacks++;
    return this;
  }

  i2cWriteReg(address: number, register: number, value: number): this {
    return this.i2cWrite(address, register, [value]);
  }

  /** Continuous reads: i2cRead(address, register, length, handler) or i2cRead(address, length, handler). */
  i2cRead(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    const [register, length, handler] = this.readArgs(address, args);
    this.every(this.sampling, () => this.transfer(address, register, length, handler));
    return this;
  }

  i2cReadOnce(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    const [register, length, handler] = this.readArgs(address, args);
    this.after(0, () => this.transfer(address, register, length, handler));
    return this;
  }

  serialConfig(): this {
    return this;
  }

  serialWrite(portId: number, bytes: number[]): this {
    this.board.serial.get(portId)?.receive(Uint8Array.from(bytes));
    return this;
  }

  serialRead(portId: number, handler: ByteHandler): this {
    const device = this.board.serial.get(portId);
    if (!device) throw new RangeError(`nothing is wired to serial port ${portId}`);
    const next = () => {
      const bytes = device.update();
      if (bytes) handler(Array.from(bytes));
      this.after(device.updatePeriodMs, next);
    };
    this.after(device.updatePeriodMs, next);
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

  /** Stops every read loop (the board is switched off). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  private transfer(address: number, register: number, length: number, handler: ByteHandler): void {
    const bytes = this.devices.get(address)?.read(register, length) ?? null;
    // A chip that does not acknowledge gives the driver nothing: on real hardware the read fails and the
    // driver's last values go stale, which is what the flight program must notice.
    if (bytes === null) {
      this.nacks++;
      return;
    }
    const data = Array.from(bytes);
    handler(data);
    this.emit(`I2C-reply-${address}-${register}`, data);
  }

  private readArgs(address: number, args: [number, number, ByteHandler] | [number, ByteHandler]): [number, number, ByteHandler] {
    return args.length === 3 ? args : [this.pointers.get(address) ?? 0, args[0], args[1]];
  }

  private drive(pin: number | string, mode: 'digital' | 'servo' | 'pwm', value: number): this {
    const n = this.normalize(pin);
    this.pins[n]!.value = value;
    this.board.onPinWrite?.(n, mode, value);
    return this;
  }

  private pin(pin: number | string): PinState {
    return this.pins[this.normalize(pin)]!;
  }

  private every(periodMs: number, callback: () => void): void {
    if (!this.closed) this.timers.add(this.board.clock.setInterval(callback, periodMs));
  }

  private after(delayMs: number, callback: () => void): void {
    if (this.closed) return;
    const timer = this.board.clock.setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, delayMs);
    this.timers.add(timer);
  }
}
