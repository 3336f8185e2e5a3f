import { connect, type Socket } from 'node:net';
import { ScaledClock } from '../clock-scaled.ts';
import { IoPluginBase, digitalPin, type ByteHandler, type PinState } from '../io-plugin-base.ts';
import { lineReader, type ToClient, type ToServer } from './messages.ts';

/** Options of RemoteSimIO. */
export interface RemoteSimIoOptions {
  /** The SimServer's Unix socket. */
  socket: string;
}

/**
 * The johnny-five IO plugin a flight program uses to fly on a simulator in another process: every call goes over
 * a Unix socket to a SimServer, every reply comes back to its handler. It also hands the flight program the
 * simulation's clock (`clock`), so that both run on the same, possibly accelerated, time.
 */
export class RemoteSimIO extends IoPluginBase {
  readonly name = 'firmware-sim (remote)';
  pins: PinState[] = [];
  clock: ScaledClock | undefined;
  private readonly socket: Socket;
  private readonly handlers = new Map<number, ByteHandler>();
  private nextId = 1;

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
      this.pins = Array.from({ length: message.pins }, digitalPin);
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

  pinMode(pin: number | string, mode: number): this {
    this.send({ op: 'pinMode', pin: this.normalize(pin), mode });
    return this;
  }

  protected drive(pin: number, kind: 'digital' | 'servo' | 'pwm', value: number): void {
    this.send({ op: 'write', pin, kind, value });
  }

  protected writeRegisters(address: number, register: number, bytes: number[]): void {
    this.send({ op: 'i2cWrite', address, register, bytes });
  }

  protected readRegisters(address: number, register: number, length: number, handler: ByteHandler, once: boolean): void {
    const id = this.register((bytes) => {
      handler(bytes);
      this.emit(`I2C-reply-${address}-${register}`, bytes);
    }, once);
    this.send({ op: 'i2cRead', id, address, register, length, once });
  }

  serialRead(port: number, handler: ByteHandler): this {
    this.send({ op: 'serialRead', id: this.register(handler, false), port });
    return this;
  }

  serialWrite(port: number, bytes: number[]): this {
    this.send({ op: 'serialWrite', port, bytes });
    return this;
  }

  close(): void {
    this.socket.destroy();
  }
}

export default RemoteSimIO;
