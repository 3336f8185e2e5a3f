import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyRadioLink, Random } from '@cansat/firmware-sim';
import type { Telemetry } from '@cansat/protocol';
import { SerialPort } from 'serialport';
import { WebSocket } from 'ws';
import type { Welcome } from '../src/server/ground-server.ts';
import { decodeHistory, encodeHistory, type DecodedHistory, type Hello, type ServerMessage } from '@cansat/protocol/station';

export const CLEAN = { baud: 115_200, latencyMs: 2, byteLoss: 0, packetLoss: 0, bitErrorRate: 0, blackouts: [] };

/** A temporary folder. */
export const folder = (name = 'cansat-ground-') => mkdtempSync(join(tmpdir(), name));

/** A real pty pair: the test writes as the CanSat on one end, the ground opens the other. */
export async function radioPair() {
  const dir = folder('cansat-radio-');
  const link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: CLEAN, random: new Random(1) });
  const cansat = await openPort(link.path('cansat'));
  return { link, cansat, dir };
}

export function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115_200 }, (error) => (error ? reject(error) : resolve(port)));
  });
}

/** A WebSocket client that keeps every message, and the history that followed each hello. */
export async function client(url: string) {
  const socket = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const histories: DecodedHistory[] = [];
  socket.on('message', (data, isBinary) => {
    if (!isBinary) {
      messages.push(JSON.parse(String(data)) as ServerMessage);
      return;
    }
    const hello = messages.findLast((m) => m.type === 'hello');
    const history = hello ? decodeHistory(hello.telemetry, data as Buffer) : 'binary message without a hello';
    if (typeof history === 'string') throw new Error(history);
    histories.push(history);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    histories,
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    of: <T extends ServerMessage['type']>(type: T) => messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type),
    close: () => socket.close(),
  };
}

/** Waits until `condition` holds (polling), or fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A telemetry message with every reading present. */
export function telemetry(packetCount: number, overrides: Partial<Telemetry> = {}): Telemetry {
  return {
    type: 'telemetry',
    teamId: 1234,
    packetCount,
    missionTime: 50_000_000 + packetCount * 1000,
    mode: 'flight',
    state: 'LAUNCH_PAD',
    altitude: packetCount / 10,
    temperature: 20,
    pressure: 91.5,
    voltage: 7.9,
    current: 0.2,
    gyroR: 0,
    gyroP: 0,
    gyroY: 1,
    accelR: 0,
    accelP: 0,
    accelY: 9.8,
    magR: null,
    magP: null,
    magY: null,
    gpsTime: 50_000 + packetCount,
    gpsAltitude: 812,
    latitude: 37.1,
    longitude: -80.5,
    gpsSats: 9,
    cmdEcho: null,
    health: 0,
    faults: 0,
    rejects: 0,
    ...overrides,
  };
}

/** What a ground server sends a new client: a hello (with nothing pending) and the history `rows`. */
export function welcome(role: Hello['role'], rows: readonly { receivedAt: number; data: Telemetry }[] = []): Welcome {
  const { header, numbers } = encodeHistory(rows);
  const link = { connected: true, source: 'test', bytes: 0, framesReceived: rows.length, framesLost: 0, rejected: {}, frameRate: 10, lastFrameAt: null, stale: false, expectedPeriodMs: 100, recordErrors: 0, viewerSkips: 0 };
  const hello: Hello = { type: 'hello', role, teamId: 1234, wireFormat: 'binary', mode: 'live', session: null, telemetry: header, events: [], commands: [], link, replay: null, simPlayer: { state: 'idle', sent: 0, total: 0, detail: '' }, simFile: null, limits: {}, map: { tiles: null, station: null }, network: null };
  return { hello, numbers };
}
