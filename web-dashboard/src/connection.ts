import { TypeCompiler } from '@sinclair/typebox/compiler';
import { t } from './i18n.ts';
import { decodeHistory, ServerMessage, type ClientMessage, type DecodedHistory, type Hello } from '@cansat/protocol/station';

const check = TypeCompiler.Compile(ServerMessage);

/** Options of Connection. */
export interface ConnectionOptions {
  url: string;
  /** Every message but the hello. */
  onMessage: (message: Exclude<ServerMessage, Hello>) => void;
  /** A hello with the history that followed it; `arrivedAt`: performance.now() when the history had arrived. */
  onHello: (hello: Hello, history: DecodedHistory, arrivedAt: number) => void;
  /** A message that is not one the server may send: reported, then dropped. */
  onBadMessage: (problem: string) => void;
  onStatus: (connected: boolean) => void;
}

/**
 * The WebSocket to the ground server. It reconnects by itself (1 s, backing off to 10 s) after a server restart or
 * a network drop; the server's hello on each connection brings the history missed meanwhile.
 */
export class Connection {
  private socket: WebSocket | null = null;
  private delay = 1000;
  private closed = false;
  /** A hello whose history (the next, binary, message) has not arrived yet. */
  private pending: Hello | null = null;

  constructor(private readonly options: ConnectionOptions) {
    this.open();
  }

  send(message: ClientMessage): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private open(): void {
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    this.pending = null;
    socket.onopen = () => {
      this.delay = 1000;
      this.options.onStatus(true);
    };
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      const arrivedAt = performance.now();
      if (event.data instanceof ArrayBuffer) this.history(event.data, arrivedAt);
      else this.text(event.data);
    };
    socket.onclose = () => {
      this.options.onStatus(false);
      if (this.closed) return;
      setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(10_000, this.delay * 2);
    };
  }

  private text(data: string): void {
    if (this.pending) {
      this.pending = null;
      this.options.onBadMessage(t('notice.noHistory'));
    }
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      this.options.onBadMessage(t('notice.notJson'));
      return;
    }
    if (!check.Check(message)) {
      const first = check.Errors(message).First();
      this.options.onBadMessage(t('notice.notUnderstood', { why: first ? `${first.path} ${first.message}` : '?' }));
      return;
    }
    if (message.type === 'hello') this.pending = message;
    else this.options.onMessage(message);
  }

  private history(bytes: ArrayBuffer, arrivedAt: number): void {
    const hello = this.pending;
    this.pending = null;
    if (!hello) {
      this.options.onBadMessage(t('notice.binaryWithoutHello'));
      return;
    }
    const history = decodeHistory(hello.telemetry, bytes);
    if (typeof history === 'string') this.options.onBadMessage(t('notice.badHistory', { why: history }));
    else this.options.onHello(hello, history, arrivedAt);
  }
}
