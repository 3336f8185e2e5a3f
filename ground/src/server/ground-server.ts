import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TypeGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { WebSocket, WebSocketServer } from 'ws';
import { serveStatic } from './static-files.ts';
import { ClientMessage, type ErrorCode, type Hello, type ServerMessage } from '@cansat/protocol/station';

/** Options of GroundServer. */
export interface GroundServerOptions {
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to let a classroom's laptops in. */
  host?: string;
  /** The operator token; default: a new random one (printed by the CLI). */
  token?: string;
  /** The built dashboard; default: none (the page says how to build it). */
  staticRoot?: string;
  /** Map tiles, served under /tiles/ (see readTileFolder); default: none. */
  tilesRoot?: string;
  /** Answers a request before the dashboard's files (an HTTP API); returns whether it did. */
  api?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Largest message a client may send, bytes; default 4096. */
  maxMessageBytes?: number;
  /** Messages a client may send per second, sustained (twice that in a burst); default 20. */
  messagesPerSecond?: number;
  /** A client with more than this many bytes not yet sent is skipped, bytes; default 1 MiB. */
  maxBufferedBytes?: number;
  /** Ping interval, ms; a client that misses a pong is dropped. Default 10000. */
  heartbeatMs?: number;
  /** The hello for a new client, and the numbers of the flight so far that follow it (see TelemetryHistory). */
  hello: (role: Hello['role']) => Welcome;
  /** Where a wrong token or a flooding client is reported (the station's console); default: nowhere. */
  log?: (line: string) => void;
}

/** A hello and the binary history sent right after it. */
export interface Welcome {
  hello: Hello;
  numbers: Float64Array;
}

/** What an operator's client asked for. */
export type OperatorRequest = Exclude<ClientMessage, { type: 'auth' }>;

interface Client {
  role: Hello['role'];
  alive: boolean;
  tokens: number;
  refilledAt: number;
  /** Answered once for the flood it is in. */
  flooding: boolean;
  /** Where it connects from, for the console. */
  address: string;
}

/**
 * The HTTP server of the built dashboard and its WebSocket endpoint (`/ws`). Everyone may watch; only a client that
 * sent the operator token may command. A message that is malformed, too large, too frequent or not allowed gets an
 * error reply and changes nothing. Broadcasts go only to open clients and skip (and count) a client whose send
 * buffer is full, so one slow laptop never stalls the others.
 */
export class GroundServer {
  readonly token: string;
  /** Broadcast messages not sent to a slow client. */
  skipped = 0;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly clients = new Map<WebSocket, Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly options: Required<Omit<GroundServerOptions, 'staticRoot' | 'token' | 'tilesRoot' | 'api'>> & Pick<GroundServerOptions, 'staticRoot' | 'tilesRoot' | 'api'>;
  private onRequest: (request: OperatorRequest, reply: (message: ServerMessage) => void) => void = () => {};

  private constructor(options: GroundServerOptions) {
    this.options = { port: 8080, host: '127.0.0.1', maxMessageBytes: 4096, messagesPerSecond: 20, maxBufferedBytes: 1 << 20, heartbeatMs: 10_000, log: () => {}, ...options };
    if (options.token !== undefined && options.token.length < 8) throw new TypeError('"token" must be at least 8 characters');
    this.token = options.token ?? randomBytes(12).toString('hex');
    this.http = createServer((request, response) => {
      if (this.options.api?.(request, response)) return;
      if (this.options.staticRoot) serveStatic(this.options.staticRoot, request, response, this.options.tilesRoot);
      else response.writeHead(404).end('no dashboard configured');
    });
    // Far above maxMessageBytes so that an oversized message is answered ('too-large') rather than the connection
    // dropped; only beyond this does ws close it (1009).
    this.wss = new WebSocketServer({ server: this.http, path: '/ws', maxPayload: 16 << 20 });
    // ws re-emits the HTTP server's errors; listen() handles them there (a busy port), so none may go unheard here.
    this.wss.on('error', () => {});
    this.wss.on('connection', (socket, request) => this.connect(socket, request.socket.remoteAddress ?? 'an unknown address'));
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Starts listening. */
  static async listen(options: GroundServerOptions): Promise<GroundServer> {
    const server = new GroundServer(options);
    const { port, host } = server.options;
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', (error: NodeJS.ErrnoException) => {
        // Said so that a crew can act on it: which port, what holds it, which option moves it.
        if (error.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use (another ground station, npm start, or a replay?): stop it, or give --http-port N (0 picks a free port)`));
        else if (error.code === 'EACCES') reject(new Error(`port ${port} needs root: give --http-port 1024 or above`));
        else reject(error);
      });
      server.http.listen(port, host, () => resolve());
    });
    return server;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${this.options.host === '0.0.0.0' ? 'localhost' : this.options.host}:${this.port}/`;
  }

  /** Handles operators' requests (commands, replay and player controls). */
  handle(callback: (request: OperatorRequest, reply: (message: ServerMessage) => void) => void): void {
    this.onRequest = callback;
  }

  /** Sends to every open client; skips, and counts, a client that is not keeping up. */
  broadcast(message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.clients.keys()) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (socket.bufferedAmount > this.options.maxBufferedBytes) {
        this.skipped++;
        continue;
      }
      socket.send(text);
    }
  }

  /** Sends every client a new hello (after a replay seek: the flight so far has changed). */
  rehello(): void {
    for (const [socket, client] of this.clients) {
      if (socket.readyState === WebSocket.OPEN) this.welcome(socket, client.role);
    }
  }

  private welcome(socket: WebSocket, role: Hello['role']): void {
    const { hello, numbers } = this.options.hello(role);
    socket.send(JSON.stringify(hello));
    socket.send(Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength), { binary: true });
  }

  /** Number of connected clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  private log(line: string): void {
    this.options.log(line);
  }

  private connect(socket: WebSocket, address: string): void {
    const client: Client = { role: 'viewer', alive: true, tokens: 2 * this.options.messagesPerSecond, refilledAt: Date.now(), flooding: false, address };
    this.clients.set(socket, client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => this.receive(socket, client, data as Buffer, isBinary));
    this.welcome(socket, 'viewer');
  }

  private receive(socket: WebSocket, client: Client, data: Buffer, isBinary: boolean): void {
    const reply = (message: ServerMessage) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    };
    const error = (code: ErrorCode, message: string, id?: string) => reply({ type: 'error', code, message, ...(id === undefined ? {} : { id }) });
    // A token bucket: a burst is fine, a flood is answered and dropped.
    const now = Date.now();
    const rate = this.options.messagesPerSecond;
    client.tokens = Math.min(2 * rate, client.tokens + ((now - client.refilledAt) / 1000) * rate);
    client.refilledAt = now;
    if (client.tokens < 1) {
      // Answered once per flood, not once per message: the answers would be a flood of their own.
      if (!client.flooding) {
        client.flooding = true;
        error('flood', `more than ${rate} messages a second; the rest are dropped until you slow down`);
        this.log(`a client (${client.address}) sends more than ${rate} messages a second: dropping them`);
      }
      return;
    }
    client.flooding = false;
    client.tokens--;
    if (data.length > this.options.maxMessageBytes) {
      error('too-large', `messages are limited to ${this.options.maxMessageBytes} bytes`);
      return;
    }
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary');
      json = JSON.parse(data.toString('utf8'));
    } catch {
      error('malformed', 'not a JSON text message');
      return;
    }
    if (!Value.Check(ClientMessage, json)) {
      error('malformed', `not a valid message: ${whatIsWrong(ClientMessage, json)}`);
      return;
    }
    const message = json as ClientMessage;
    if (message.type === 'auth') {
      const given = Buffer.from(message.token);
      const expected = Buffer.from(this.token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        client.role = 'operator';
        reply({ type: 'role', role: 'operator' });
      } else {
        error('bad-token', 'wrong operator token');
        this.log(`a wrong operator token from ${client.address}`);
      }
      return;
    }
    if (client.role !== 'operator') {
      error('unauthorised', 'viewers may watch; send the operator token to command', message.type === 'command' ? message.id : undefined);
      return;
    }
    this.onRequest(message, reply);
  }

  private beat(): void {
    for (const [socket, client] of this.clients) {
      if (!client.alive) {
        socket.terminate();
        this.clients.delete(socket);
        continue;
      }
      client.alive = false;
      socket.ping();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.clients.keys()) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

/**
 * What is wrong with a client message, naming the field. A union's own error ("Expected union value") names
 * nothing a person could fix, so a union told apart by a literal field (`type`, a command's `name`) is checked
 * against the member that field names, down to the first field that is wrong.
 */
function whatIsWrong(schema: TSchema, value: unknown, at = ''): string {
  if (TypeGuard.IsUnion(schema) && typeof value === 'object' && value !== null) {
    const members = schema.anyOf.filter(TypeGuard.IsObject);
    const literal = (member: (typeof members)[number], key: string) => {
      const property = member.properties[key];
      return property !== undefined && TypeGuard.IsLiteral(property) ? property.const : undefined;
    };
    const key = ['type', 'name'].find((k) => members.length === schema.anyOf.length && members.every((m) => literal(m, k) !== undefined));
    if (key !== undefined) {
      const named = (value as Record<string, unknown>)[key];
      const member = members.find((m) => literal(m, key) === named);
      if (member === undefined) return `${at}/${key}: ${JSON.stringify(named ?? null)} is not one of ${members.map((m) => literal(m, key)).join(', ')}`;
      return whatIsWrong(member, value, at);
    }
  }
  const first = Value.Errors(schema, value).First();
  if (first === undefined) return 'it does not fit its type';
  if (TypeGuard.IsUnion(first.schema) && first.path !== '') return whatIsWrong(first.schema, first.value, at + first.path);
  return `${at + first.path || '/'}: ${first.message}`;
}
