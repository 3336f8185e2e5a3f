import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundServer, GroundStation, loadRecording, ReplayEngine, type Hello, type LinkStats } from '@cansat/ground';
import { encodeFrame, encodeXbeeFrame, type Telemetry } from '@cansat/protocol';
import { WebSocket } from 'ws';
import { telemetry, welcome } from '../ground/test/helpers.ts';
import { median, percentile, type BenchOptions, type Figure } from './figure.ts';
import { startGroundProcess } from './ground-process.ts';
import { cpuFraction, rssMb } from './proc-usage.ts';

/** A telemetry frame whose readings stay in range however many are sent. */
const frame = (n: number) => telemetry(n, { altitude: (n % 30_000) / 10, gpsTime: n % 86_400 });

/**
 * The ground station as a process on a pty: throughput, CPU at 1000 frames/s, latency tty → WebSocket, memory. With
 * `api`, the radio in XBee API mode: every frame inside a receive frame with its RSSI (the keys prefixed `api`).
 */
async function pipeline(quick: boolean, api = false): Promise<Figure[]> {
  const { child, cansat, url, close } = await startGroundProcess(api ? ['--radio-mode', 'api'] : []);
  try {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
    const received = new Map<number, number>();
    let lastLink: LinkStats | null = null;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return; // the (empty) history after the hello
      const m = JSON.parse(String(data)) as { type: string; data?: { packetCount: number }; stats?: LinkStats };
      if (m.type === 'telemetry') received.set(m.data!.packetCount, performance.now());
      if (m.type === 'link') lastLink = m.stats!;
    });
    await new Promise((resolve) => socket.once('open', resolve));
    let next = 1;
    const sentAt = new Map<number, number>();
    const send = (count: number) => {
      const frames: Buffer[] = [];
      for (let i = 0; i < count; i++) {
        sentAt.set(next, performance.now());
        const bytes = encodeFrame(frame(next++));
        frames.push(Buffer.from(api ? encodeXbeeFrame({ kind: 'rx64', source64: '0013a20041cf05cc', rssi: -40 - (next % 50), options: 0, data: bytes }) : bytes));
      }
      cansat.write(Buffer.concat(frames));
    };
    // Throughput: as fast as the station keeps up, with at most 1000 frames on their way (more and the server
    // would rightly skip this client as too slow).
    const burst = quick ? 2000 : 50_000;
    const started = performance.now();
    while (next - 1 < burst && performance.now() - started < 60_000) {
      if (next - 1 - received.size < 1000) send(Math.min(250, burst - (next - 1)));
      else await new Promise((r) => setImmediate(r));
    }
    // Until everything arrived, or nothing more did for a second.
    let last = { size: -1, at: performance.now() };
    while (received.size < burst && performance.now() - last.at < 1000) {
      if (received.size !== last.size) last = { size: received.size, at: performance.now() };
      await new Promise((r) => setTimeout(r, 5));
    }
    // The station's own count, from its next once-a-second link report: were frames lost before it, or after?
    const reported = lastLink;
    const asked = performance.now();
    while (lastLink === reported && performance.now() - asked < 3000) await new Promise((r) => setTimeout(r, 20));
    const station = lastLink as LinkStats | null;
    const arrivals = [...received.values()];
    const perSec = (received.size / (Math.max(...arrivals) - started)) * 1000;
    const lost = burst - received.size;
    if (lost > burst / 1000) throw new Error(`only ${received.size} of ${burst} frames arrived (link: ${JSON.stringify(lastLink)})`);
    // 1000 frames/s, paced, for CPU and latency.
    const steady = next;
    const seconds = quick ? 1 : 10;
    const pacer = setInterval(() => send(10), 10);
    const cpu = await cpuFraction(child.pid!, seconds);
    clearInterval(pacer);
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let n = steady; n < next; n++) {
      const at = received.get(n);
      if (at !== undefined) latencies.push(at - sentAt.get(n)!);
    }
    socket.close();
    const rss = rssMb(child.pid!);
    if (api) {
      return [
        { key: 'ground.apiPipelinePerSec', value: perSec, unit: 'frames/s', target: { op: '>=', value: 5000 }, note: `the same in XBee API mode (--radio-mode api): each frame in a 0x80 receive frame with its RSSI (${lost} of ${burst} not seen by the client)` },
        { key: 'ground.apiPipelineCpu', value: cpu, unit: 'cores', target: { op: '<', value: 0.5 }, note: 'the same process at 1000 frames/s in API mode' },
      ];
    }
    return [
      { key: 'ground.pipelinePerSec', value: perSec, unit: 'frames/s', target: { op: '>=', value: 5000 }, note: `cansat-ground live on a pty: decode, raw log, CSV, WebSocket to one client (${lost} of ${burst} not seen by the client; the station received ${station?.framesReceived}, counted ${station?.framesLost} lost, rejected ${JSON.stringify(station?.rejected)})` },
      { key: 'ground.pipelineCpu', value: cpu, unit: 'cores', target: { op: '<', value: 0.5 }, note: 'the same process at 1000 frames/s' },
      { key: 'ground.latencyP50Ms', value: percentile(latencies, 50), unit: 'ms', note: 'written to the tty until received by a WebSocket client, at 1000 frames/s' },
      { key: 'ground.latencyP99Ms', value: percentile(latencies, 99), unit: 'ms', target: { op: '<', value: 50 }, note: 'the same' },
      { key: 'ground.rssMb', value: rss, unit: 'MB', target: { op: '<', value: 150 }, note: `after ${next - 1} frames recorded (the bundle)` },
    ];
  } finally {
    await close();
  }
}

/** 100 WebSocket clients at 10 Hz and one stalled late joiner with two hours of history to catch up on. */
async function fanout(quick: boolean): Promise<Figure[]> {
  let history: { receivedAt: number; data: Telemetry }[] = [];
  const hello = (role: Hello['role']) => welcome(role, history);
  const server = await GroundServer.listen({ port: 0, hello });
  const url = `ws://127.0.0.1:${server.port}/ws`;
  const clients = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const socket = new WebSocket(url);
      let got = 0;
      socket.on('message', (d) => String(d).startsWith('{"type":"telemetry"') && got++);
      await new Promise((resolve) => socket.once('open', resolve));
      return { socket, got: () => got };
    }),
  );
  // A laptop that joins late, with two hours at 10 Hz to catch up on, and then stops reading.
  history = Array.from({ length: 72_000 }, (_, i) => ({ receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1) }));
  const stalled = new WebSocket(url);
  await new Promise((resolve) => stalled.once('open', resolve));
  (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
  const messages = quick ? 10 : 100;
  for (let i = 1; i <= messages; i++) {
    server.broadcast({ type: 'telemetry', receivedAt: Date.now(), replay: false, data: telemetry(i) });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const delivered = clients.reduce((sum, c) => sum + c.got(), 0) / (clients.length * messages);
  const isolated = delivered === 1 && server.skipped > 0 ? 1 : 0;
  for (const c of clients) c.socket.close();
  stalled.terminate();
  await server.close();
  return [
    { key: 'ws.fanoutClients', value: clients.length, unit: 'clients', note: 'healthy clients at 10 Hz, plus one stalled' },
    { key: 'ws.fanoutDeliveredPct', value: delivered * 100, unit: '%', target: { op: '>=', value: 100 }, note: 'of the messages, to every healthy client' },
    { key: 'ws.slowClientIsolated', value: isolated, unit: '1 = yes', target: { op: '>=', value: 1 }, note: `the stalled client skipped ${server.skipped} times while the others got everything` },
  ];
}

/** A one-hour 10 Hz recording replayed as fast as possible, and a seek into it. */
async function replay(quick: boolean): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cansat-replay-bench-'));
  const frames = quick ? 3_600 : 36_000;
  const live = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'bench', record: { folder: dir, kind: 'simulator' } });
  for (let i = 1; i <= frames; i++) live.ingest(encodeFrame(frame(i)), 1_800_000_000_000 + i * 100);
  live.close();
  const recording = loadRecording(join(dir, readdirSync(dir).find((f) => f === 'radio.raw')!));
  const afap: number[] = [];
  const seeks: number[] = [];
  for (let run = 0; run < 3; run++) {
    let station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'replay', replay: true });
    const engine = new ReplayEngine(recording, { chunk: (b, at) => station.ingest(b, at), restart: () => (station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'replay', replay: true })), status: () => {} }, 0);
    const started = performance.now();
    engine.play();
    while (!engine.status.finished) await new Promise((r) => setImmediate(r));
    afap.push(performance.now() - started);
    const seekStarted = performance.now();
    engine.seek(recording.duration / 2);
    seeks.push(performance.now() - seekStarted);
    if (station.telemetryCount < frames / 2 - 10) throw new Error('the seek did not replay the first half');
    engine.close();
  }
  const scale = 36_000 / frames;
  return [
    { key: 'replay.hourAfapMs', value: median(afap) * scale, unit: 'ms', target: { op: '<', value: 1000 }, note: 'a one-hour 10 Hz raw log (36,000 frames) through the ground station as fast as possible' },
    { key: 'replay.seekMs', value: median(seeks) * scale, unit: 'ms', target: { op: '<', value: 200 }, note: 'seek back to the middle: the first half replayed at once' },
  ];
}

/** `cansat-ground --help` from process start to exit (its bundle, as a crew runs it), and the station idle on a pty. */
async function startup(quick: boolean): Promise<Figure[]> {
  const BIN = new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname;
  const runs: number[] = [];
  for (let i = 0; i < (quick ? 1 : 7); i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '--help'], { stdio: 'ignore' });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cansat-ground --help exited ${code}`))));
    });
    runs.push(performance.now() - started);
  }
  const { child, close } = await startGroundProcess();
  try {
    // Idle: started, listening, nothing received; memory after it has settled.
    await new Promise((resolve) => setTimeout(resolve, quick ? 200 : 3000));
    const idle = rssMb(child.pid!);
    return [
      { key: 'ground.cliStartMs', value: median(runs), unit: 'ms', target: { op: '<', value: 250 }, note: `cansat-ground --help from spawn to exit, median of ${runs.length} (the bundle)` },
      { key: 'ground.idleRssMb', value: idle, unit: 'MB', target: { op: '<', value: 70 }, note: 'cansat-ground live on a pty, listening, no frames yet' },
    ];
  } finally {
    await close();
  }
}

/** The ground station's figures. */
export async function groundBench({ quick }: BenchOptions): Promise<Figure[]> {
  return [...(await startup(quick)), ...(await pipeline(quick)), ...(await pipeline(quick, true)), ...(await fanout(quick)), ...(await replay(quick))];
}
