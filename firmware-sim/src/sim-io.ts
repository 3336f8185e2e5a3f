import type { SimClock, TimerHandle } from './clock.ts';
import type { I2cDevice } from './devices/i2c-device.ts';
import { IoPluginBase, digitalPin, type ByteHandler, type PinState } from './io-plugin-base.ts';

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

/**
 * A johnny-five IO plugin (https://github.com/rwaldron/io-plugins) whose I2C bus, serial ports and pins lead to
 * simulated chips instead of hardware. Like raspi-io it has digital, PWM and servo pins but no analog inputs. Every
 * continuous read runs on the simulator's clock, so a whole flight can run on a virtual clock.
 */
export class SimIO extends IoPluginBase {
  readonly name = 'firmware-sim';
  readonly pins: PinState[];

  /** I2C transfers the chips did not acknowledge. */
  nacks = 0;
  private readonly devices = new Map<number, I2cDevice>();
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
    this.pins = Array.from({ length: options.pinCount ?? 28 }, digitalPin);
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

  digitalRead(pin: number | string, handler: (value: number) => void): void {
    const state = this.pin(pin);
    this.every(this.sampling, () => handler(state.value));
  }

  protected writeRegisters(address: number, register: number, bytes: number[]): void {
    const device = this.devices.get(address);
    if (!device || !device.write(register, bytes)) this.nacks++;
  }

  protected readRegisters(address: number, register: number, length: number, handler: ByteHandler, once: boolean): void {
    const transfer = () => this.transfer(address, register, length, handler);
    if (once) this.after(0, transfer);
    else this.every(this.sampling, transfer);
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

  protected drive(pin: number, mode: 'digital' | 'servo' | 'pwm', value: number): void {
    this.pins[pin]!.value = value;
    this.board.onPinWrite?.(pin, mode, value);
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
