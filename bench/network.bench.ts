import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import mqtt from 'mqtt';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { encodeFrame } from '@cansat/protocol';
import { receptionTopic, type Reception } from '@cansat/protocol/network';
import { NetworkMerge, readPublication, startHub } from '@cansat/ground';
import { telemetry } from '../ground/test/helpers.ts';
import { freePort, startBroker } from '../ground/test/mosquitto.ts';
import { percentile, type BenchOptions, type Figure } from './figure.ts';
import { startGroundProcess } from './ground-process.ts';
import { highWaterMb } from './proc-usage.ts';

/**
 * A frame written to a station's tty until a viewer of the hub has it: the station as a process (`live --network`),
 * Debian's mosquitto, the hub, its WebSocket; 10 Hz.
 */
async function latency(quick: boolean): Promise<Figure> {
  const port = await freePort();
  const broker = await startBroker(port);
  const url = `mqtt://127.0.0.1:${port}`;
  const hub = await startHub({ url, archive: mkdtempSync(join(tmpdir(), 'cansat-bench-hub-')), httpPort: 0, host: '127.0.0.1', teamId: 1234, log: () => {} });
  const station = await startGroundProcess(['--network', url, '--station', 'bench']);
  try {
    const socket = new WebSocket(`${hub.server.url.replace(/^http/, 'ws')}ws`);
    const arrived = new Map<number, number>();
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(String(data)) as { type: string; data?: { packetCount: number } };
      if (m.type === 'telemetry') arrived.set(m.data!.packetCount, performance.now());
    });
    await new Promise((resolve) => socket.once('open', resolve));
    // Until the station and the hub know of each other: the first frames may wait in the station's backlog.
    let n = 0;
    const sentAt = new Map<number, number>();
    const send = () => {
      n++;
      sentAt.set(n, performance.now());
      station.cansat.write(Buffer.from(encodeFrame(telemetry(n))));
    };
    const warm = performance.now();
    while (arrived.size === 0 && performance.now() - warm < 20_000) {
      send();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const first = n + 1;
    for (let k = 0; k < (quick ? 30 : 300); k++) {
      send();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies: number[] = [];
    for (let k = first; k <= n; k++) if (arrived.has(k)) latencies.push(arrived.get(k)! - sentAt.get(k)!);
    socket.close();
    if (latencies.length < (n - first + 1) * 0.99) throw new Error(`only ${latencies.length} of ${n - first + 1} frames reached the hub's viewer`);
    return { key: 'network.latencyP99Ms', value: percentile(latencies, 99), unit: 'ms', target: { op: '<', value: 100 }, note: `a frame written to a station's tty (cansat-ground live --network, its own process) until a viewer of the hub has it, through mosquitto, 10 Hz, ${latencies.length} frames; p50 ${percentile(latencies, 50).toFixed(1)} ms` };
  } finally {
    await station.close();
    await hub.close();
    broker.kill();
  }
}

/**
 * The hub as a process (`cansat-hub`) taking a two-hour flight at 10 Hz heard by 10 stations (720,000 receptions
 * through mosquitto): its memory's high-water mark, and that it merged every frame.
 */
async function hubMemory(quick: boolean): Promise<Figure> {
  const port = await freePort();
  const broker = await startBroker(port);
  const url = `mqtt://127.0.0.1:${port}`;
  const archive = mkdtempSync(join(tmpdir(), 'cansat-bench-hub-'));
  const hubPort = await freePort();
  const hub = spawn(process.execPath, [new URL('../ground/bin/cansat-hub.js', import.meta.url).pathname, '--network', url, '--archive', archive, '--http-port', String(hubPort), '--team', '1234'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  hub.stdout.on('data', (c: Buffer) => (output += c));
  hub.stderr.on('data', (c: Buffer) => (output += c));
  try {
    while (!/archive API/.test(output)) {
      if (hub.exitCode !== null) throw new Error(`the hub ended: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const frames = quick ? 2_000 : 72_000;
    const clients = await Promise.all(Array.from({ length: 10 }, (_, k) => mqtt.connectAsync(url, { clientId: `bench-station-${k}` })));
    for (let start = 1; start <= frames; start += 500) {
      await Promise.all(
        clients.map(async (client, k) => {
          const station = `station-${k}`;
          const batch: Promise<unknown>[] = [];
          for (let n = start; n < start + 500 && n <= frames; n++) {
            const reception: Reception = { v: 1, station, receivedAt: (1_800_000_000_000 + n * 100 + k) * 1000, clock: 'ntp', decoded: true, backfill: false, frame: Buffer.from(encodeFrame(telemetry(n, { altitude: (n % 30_000) / 10, gpsTime: n % 86_400, missionTime: n * 100 }))).toString('base64') };
            batch.push(client.publishAsync(receptionTopic(1234, station), JSON.stringify(reception), { qos: 1 }));
          }
          await Promise.all(batch);
        }),
      );
    }
    await Promise.all(clients.map((c) => c.endAsync()));
    // Until the hub has merged them all (its API says so).
    const started = performance.now();
    let merged = 0;
    while (merged < frames && performance.now() - started < 300_000) {
      merged = ((await (await fetch(`http://127.0.0.1:${hubPort}/api/flights`)).json()) as { frames: number }[])[0]?.frames ?? 0;
      if (merged < frames) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (merged < frames) throw new Error(`the hub merged ${merged} of ${frames}`);
    return { key: 'network.hubRssMb', value: highWaterMb(hub.pid!), unit: 'MB', target: { op: '<', value: 150 }, note: `cansat-hub as a process, its memory's high-water mark after ${(frames * 10).toLocaleString('en')} receptions (${frames.toLocaleString('en')} frames at 10 Hz, 10 stations) through mosquitto, every frame merged once` };
  } finally {
    hub.kill('SIGTERM');
    broker.kill();
  }
}

/**
 * `npm start -- --stations 3` as a user runs it (ten times real time): the simulated CanSat heard by three stations
 * through links of their own, the built-in broker, the hub. Once the CanSat has landed and a few frames more, each
 * station's loss and the merged flight's, from the hub's API: lost / (heard + lost) telemetry frames.
 */
async function threeStationFlight(quick: boolean): Promise<Figure[]> {
  const start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--stations', '3', '--time-scale', quick ? '20' : '10', '--http-port', '0', '--pad-wait', quick ? '160' : '80'], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  start.stdout.on('data', (c: Buffer) => (output += c));
  start.stderr.on('data', (c: Buffer) => (output += c));
  try {
    let hubUrl: string | undefined;
    while (!(hubUrl = /merged flight: +(http\S+)/.exec(output)?.[1]) || !output.includes('operator token')) {
      if (start.exitCode !== null) throw new Error(`npm start ended: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}ws`);
    let afterLanding = -1;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(String(data)) as { type: string; data?: { state: string } };
      if (m.type === 'telemetry' && (afterLanding >= 0 || m.data!.state === 'LANDED')) afterLanding++;
    });
    const started = performance.now();
    while (afterLanding < 10 && performance.now() - started < 180_000) await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
    if (afterLanding < 10) throw new Error('the CanSat did not land within 3 minutes');
    const api = async <T>(path: string) => (await (await fetch(`${hubUrl}api/${path}`)).json()) as T;
    const stations = await api<{ station: string; heard: number; lost: number }[]>('flights/team1234/stations');
    const [flight] = await api<{ frames: number; lost: number }[]>('flights');
    const pct = (lost: number, heard: number) => (100 * lost) / (lost + heard);
    const each = stations.map((s) => ({ ...s, pct: pct(s.lost, s.heard) })).sort((a, b) => a.pct - b.pct);
    const best = each[0]!;
    const what = `npm start -- --stations 3, the nominal flight to ${afterLanding} frames after landing`;
    return [
      { key: 'network.mergedLossPct', value: pct(flight!.lost, flight!.frames), unit: '%', target: { op: '<', value: best.pct }, note: `${what}: ${flight!.lost} of ${flight!.frames + flight!.lost} frames heard by no station` },
      { key: 'network.bestStationLossPct', value: best.pct, unit: '%', note: `${what}: the best station (${best.station}) lost ${best.lost}; ${each.map((s) => `${s.station} ${s.pct.toFixed(1)} %`).join(', ')}` },
    ];
  } finally {
    // Ctrl-C, as in a terminal: the whole group.
    process.kill(-start.pid!, 'SIGINT');
    await new Promise((resolve) => start.once('exit', resolve));
  }
}

/**
 * The hub's receive path on one core, without the broker: each publication read (topic, JSON, schema, base64) and
 * merged (the frame's SHA-256, who heard it, each station's figures). Ten stations hear every frame.
 */
export async function networkBench({ quick }: BenchOptions): Promise<Figure[]> {
  const stations = Array.from({ length: 10 }, (_, i) => `station-${i}`);
  const frames = quick ? 2_000 : 30_000;
  const publications: { topic: string; payload: Buffer }[] = [];
  for (let n = 1; n <= frames; n++) {
    const frame = Buffer.from(encodeFrame(telemetry(n))).toString('base64');
    for (const [k, station] of stations.entries()) {
      const reception: Reception = { v: 1, station, receivedAt: (1_800_000_000_000 + n * 100 + k) * 1000, clock: 'ntp', decoded: true, backfill: false, frame };
      publications.push({ topic: receptionTopic(1234, station), payload: Buffer.from(JSON.stringify(reception)) });
    }
  }
  const runs: number[] = [];
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    const merge = new NetworkMerge();
    const started = performance.now();
    for (const { topic, payload } of publications) {
      const read = readPublication(topic, payload);
      if ('reception' in read) merge.add(read.reception, read.bytes, 0);
    }
    const seconds = (performance.now() - started) / 1000;
    if (merge.merged !== frames) throw new Error(`merged ${merge.merged} of ${frames}`);
    runs.push(publications.length / seconds);
  }
  runs.sort((a, b) => a - b);
  return [await latency(quick), await hubMemory(quick), ...(await threeStationFlight(quick)), { key: 'network.mergePerSec', value: runs[runs.length >> 1]!, unit: 'receptions/s', target: { op: '>=', value: 50_000 }, note: `the hub's receive path on one core (read, check, merge), ${stations.length} stations hearing each of ${frames.toLocaleString('en')} frames, median of ${runs.length}` }];
}
