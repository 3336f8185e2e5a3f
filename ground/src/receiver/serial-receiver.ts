import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { explainPortError } from './ports.ts';

/** Options of SerialReceiver. */
export interface SerialReceiverOptions {
  path: string;
  baudRate: number;
  /** Between attempts to reopen a radio that went away, ms; default 1000. */
  retryMs?: number;
}

/**
 * The ground's USB radio: emits 'data' (bytes, receive time) and 'status' ({ connected, detail }). When the radio is
 * unplugged it says so, and opens it again by itself when it comes back. It watches the device path too, because
 * some drivers only report a vanished device on the next write.
 */
/** What the receiver emits: each chunk read with its receive time (ms since the epoch), and the port's state. */
export interface ReceiverEvents {
  data: [bytes: Buffer, receivedAt: number];
  status: [status: { connected: boolean; detail: string }];
}

export class SerialReceiver extends EventEmitter<ReceiverEvents> {
  private port: SerialPort | null = null;
  private readonly watch: NodeJS.Timeout;
  private retry: NodeJS.Timeout | null = null;
  private closing = false;
  private lastProblem = '';
  connected = false;

  constructor(private readonly options: SerialReceiverOptions) {
    super();
    this.watch = setInterval(() => {
      if (this.connected && !existsSync(options.path)) this.lost('the device disappeared (unplugged?)');
    }, 250);
    this.watch.unref();
    this.open();
  }

  /** Writes to the radio; false when it is not connected. */
  write(bytes: Uint8Array): boolean {
    if (!this.connected || this.port === null) return false;
    this.port.write(Buffer.from(bytes), (error) => {
      if (error) this.lost(`write failed: ${error.message}`);
    });
    return true;
  }

  private open(): void {
    if (this.closing) return;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    this.port = port;
    port.on('data', (bytes: Buffer) => this.emit('data', bytes, Date.now()));
    port.on('error', (error: Error) => this.lost(error.message));
    port.on('close', () => this.lost('closed'));
    port.open(async (error) => {
      if (!error) {
        this.connected = true;
        this.lastProblem = '';
        this.emit('status', { connected: true, detail: `receiving on ${this.options.path} at ${this.options.baudRate} baud` });
        return;
      }
      const advice = await explainPortError(this.options.path, error);
      // Say each new problem once, not every retry.
      if (advice !== this.lastProblem) this.emit('status', { connected: false, detail: advice });
      this.lastProblem = advice;
      this.port = null;
      this.schedule();
    });
  }

  private lost(detail: string): void {
    const port = this.port;
    if (port === null || this.closing) return;
    this.port = null;
    port.removeAllListeners('close');
    if (port.isOpen) port.close(() => {});
    if (this.connected) this.emit('status', { connected: false, detail: `radio lost: ${detail}; reconnecting` });
    this.connected = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.closing || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, this.options.retryMs ?? 1000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watch);
    if (this.retry) clearTimeout(this.retry);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
