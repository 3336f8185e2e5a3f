import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { ScaledClock } from '../clock-scaled.ts';
import { lineReader, type ToClient, type ToServer } from './messages.ts';

/** Options of RemoteSimIO. */
export interface RemoteSimIoOptions {
  /** The SimServer's Unix socket. */
  socket: string;
}

type ByteHandler = (bytes: number[]) => void;

const MODES = Object.freeze({ INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, SERVO: 4, I2C: 6, SERIAL: 10, UNKNOWN: 99 });

/**
 * The johnny-five IO plugin a flight program uses to fly on a simulator in another process: every call goes over
 * a Unix socket to a SimServer, every reply comes back to its handler. It also hands the flight program the
 * simulation's clock (`clock`), so that both run on the same, possibly accelerated, time.
 */
export class RemoteSimIO extends EventEmitter {
  readonly MODES = MODES;
  readonly HIGH = 1;
  readonly LOW = 0;
  readonly RESOLUTION = Object.freeze({ ADC: 1023, DAC: null, PWM: 255 });
  readonly SERIAL_PORT_IDs = Object.freeze({ HW_SERIAL0: 0, HW_SERIAL1: 1, SW_SERIAL0: 8, DEFAULT: 0 });
  readonly name = 'firmware-sim (remote)';
  readonly defaultLed = 27;
  readonly analogPins: number[] = [];
  pins: { supportedModes: number[]; mode: number; value: number; report: number; analogChannel: number }[] = [];
  isReady = false;
  clock: ScaledClock | undefined;
  private readonly socket: Socket;
  private readonly handlers = new Map<number, ByteHandler>();
  private nextId = 1;
  private pointer = new Map<number, number>();

  constructor(options: RemoteSimIoOptions) {
    super();
    if (typeof options?.socket !== 'string') throw new TypeError('"socket" must be the path of the simulator\'s socket');
    this.socket = connect(options.socket);
    this.socket.on('error', (error) => this.emit('error', new Error(`simulator socket ${options.socket}: ${error.message}`)));
    this.socket.on('data', lineReader((message) => this.receive(message as ToClient), () => {}));
  }

  private receive(message: ToClient): void {
    if (message.op === 'hello') {
      this.clock = new ScaledClock(message.epoch, message.scale);
      this.pins = Array.from({ length: message.pins }, () => ({ supportedModes: [0, 1, 3, 4], mode: 1, value: 0, report: 0, analogChannel: 127 }));
      this.emit('connect');
      this.isReady = true;
      this.emit('ready');
    } else if (message.op === 'data') {
      this.handlers.get(message.id)?.(message.bytes);
    }
  }

  private send(message: ToServer): void {
    if (!this.socket.destroyed) this.socket.write(`${JSON.stringify(message)}\n`);
  }

  private register(handler: ByteHandler, once: boolean): number {
    const id = this.nextId++;
    this.handlers.set(id, once ? (bytes) => (this.handlers.delete(id), handler(bytes)) : handler);
    return id;
  }

  normalize(pin: number | string): number {
    return typeof pin === 'number' ? pin : Number(/(\d+)$/.exec(pin)?.[1] ?? Number.NaN);
  }

  pinMode(pin: number, mode: number): this {
    this.send({ op: 'pinMode', pin: this.normalize(pin), mode });
    return this;
  }

  digitalWrite(pin: number, value: number): this {
    this.send({ op: 'write', pin: this.normalize(pin), kind: 'digital', value: value ? 1 : 0 });
    return this;
  }

  servoWrite(pin: number, value: number): this {
    this.send({ op: 'write', pin: this.normalize(pin), kind: 'servo', value });
    return this;
  }

  pwmWrite(pin: number, value: number): this {
    this.send({ op: 'write', pin: this.normalize(pin), kind: 'pwm', value });
    return this;
  }

  analogWrite(pin: number, value: number): this {
    return this.pwmWrite(pin, value);
  }

  servoConfig(): this {
    return this;
  }

  analogRead(): never {
    throw new Error('the simulated board, like a Raspberry Pi, has no analog inputs');
  }

  i2cConfig(): this {
    return this;
  }

  i2cWrite(address: number, registerOrBytes: number | number[], data?: number | number[]): this {
    const [register, bytes] = Array.isArray(registerOrBytes)
      ? [registerOrBytes[0] ?? 0, registerOrBytes.slice(1)]
      : [registerOrBytes, data === undefined ? [] : Array.isArray(data) ? data : [data]];
    this.pointer.set(address, register);
    this.send({ op: 'i2cWrite', address, register, bytes });
    return this;
  }

  i2cWriteReg(address: number, register: number, value: number): this {
    return this.i2cWrite(address, register, [value]);
  }

  i2cRead(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    return this.read(address, args, false);
  }

  i2cReadOnce(address: number, ...args: [number, number, ByteHandler] | [number, ByteHandler]): this {
    return this.read(address, args, true);
  }

  private read(address: number, args: [number, number, ByteHandler] | [number, ByteHandler], once: boolean): this {
    const [register, length, handler] = args.length === 3 ? args : [this.pointer.get(address) ?? 0, args[0], args[1]];
    const id = this.register((bytes) => {
      handler(bytes);
      this.emit(`I2C-reply-${address}-${register}`, bytes);
    }, once);
    this.send({ op: 'i2cRead', id, address, register, length, once });
    return this;
  }

  serialConfig(): this {
    return this;
  }

  serialRead(port: number, handler: ByteHandler): this {
    this.send({ op: 'serialRead', id: this.register(handler, false), port });
    return this;
  }

  serialWrite(port: number, bytes: number[]): this {
    this.send({ op: 'serialWrite', port, bytes });
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

  close(): void {
    this.socket.destroy();
  }
}

export default RemoteSimIO;
