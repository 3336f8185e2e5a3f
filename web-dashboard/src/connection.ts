import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ServerMessage, type ClientMessage } from '@cansat/ground/messages';

const check = TypeCompiler.Compile(ServerMessage);

/** Options of Connection. */
export interface ConnectionOptions {
  url: string;
  onMessage: (message: ServerMessage) => void;
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
    socket.onopen = () => {
      this.delay = 1000;
      this.options.onStatus(true);
    };
    socket.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        this.options.onBadMessage('a message from the server was not JSON');
        return;
      }
      if (!check.Check(message)) {
        const first = check.Errors(message).First();
        this.options.onBadMessage(`a message from the server was not understood (${first ? `${first.path} ${first.message}` : 'unknown shape'})`);
        return;
      }
      this.options.onMessage(message);
    };
    socket.onclose = () => {
      this.options.onStatus(false);
      if (this.closed) return;
      setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(10_000, this.delay * 2);
    };
  }
}
