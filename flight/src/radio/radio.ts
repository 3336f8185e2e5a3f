import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { Clock, TimerHandle } from '../board/clock.ts';

/**
 * The CanSat's radio: bytes out, 'data' events in, and 'status' events when it connects or drops. `write` never
 * throws; it returns false when the bytes could not be handed to the radio (the caller counts it).
 */
/** A radio link's state: up or down, and why, in words for the log. */
export interface RadioStatus {
  connected: boolean;
  detail: string;
}

/** What a radio emits: the bytes it received, and when it went up or down. */
export interface RadioEvents {
  data: [bytes: Uint8Array];
  status: [status: RadioStatus];
}

export interface Radio extends EventEmitter<RadioEvents> {
  readonly connected: boolean;
  /** Writes that failed or found the radio closed (counted in telemetry's `faults`). */
  readonly failedWrites: number;
  write(bytes: Uint8Array): boolean;
  close(): Promise<void>;
}

/** Options of SerialRadio. */
export interface SerialRadioOptions {
  path: string;
  baudRate: number;
  clock: Clock;
  /** Time between attempts to reopen a radio that went away, ms; default 1000. */
  retryMs?: number;
}

/**
 * A radio on a serial port (the XBee on the Pi's UART, or a simulator's pseudo-terminal). When the port fails or
 * disappears it says so and keeps trying to reopen it, so a loose connector costs telemetry, never the program.
 */
export class SerialRadio extends EventEmitter<RadioEvents> implements Radio {
  private port: SerialPort | null = null;
  private retry: TimerHandle | null = null;
  private closing = false;
  private isConnected = false;
  /** Writes that failed or found the radio closed. */
  failedWrites = 0;

  constructor(private readonly options: SerialRadioOptions) {
    super();
    this.open();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  write(bytes: Uint8Array): boolean {
    const port = this.port;
    if (!this.isConnected || port === null) {
      this.failedWrites++;
      return false;
    }
    port.write(Buffer.from(bytes), (error) => {
      if (!error) return;
      this.failedWrites++;
      this.lost(`write failed: ${error.message}`);
    });
    return true;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.retry?.cancel();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private open(): void {
    if (this.closing) return;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    this.port = port;
    port.on('data', (bytes: Buffer) => this.emit('data', bytes));
    port.on('error', (error: Error) => this.lost(error.message));
    port.on('close', () => this.lost('closed'));
    port.open((error) => {
      if (error) {
        this.lost(`cannot open ${this.options.path}: ${error.message}`);
        return;
      }
      this.isConnected = true;
      this.emit('status', { connected: true, detail: `open ${this.options.path}` });
    });
  }

  private lost(detail: string): void {
    if (this.port === null || this.closing) return;
    const port = this.port;
    this.port = null;
    const was = this.isConnected;
    this.isConnected = false;
    port.removeAllListeners('close');
    if (port.isOpen) port.close(() => {});
    if (was) this.emit('status', { connected: false, detail });
    this.retry = this.options.clock.setTimeout(() => this.open(), this.options.retryMs ?? 1000);
  }
}

/** A radio over an in-process stream, for tests against the simulator's radio link. */
export class StreamRadio extends EventEmitter<RadioEvents> implements Radio {
  readonly connected = true;
  /** A stream accepts every write. */
  readonly failedWrites = 0;

  constructor(private readonly stream: Duplex) {
    super();
    stream.on('data', (bytes: Buffer) => this.emit('data', bytes));
  }

  write(bytes: Uint8Array): boolean {
    // A stream accepts every write (it buffers); only a closed radio refuses.
    this.stream.write(bytes);
    return true;
  }

  async close(): Promise<void> {
    this.stream.removeAllListeners('data');
  }
}
