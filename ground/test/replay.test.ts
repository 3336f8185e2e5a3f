import { join } from 'node:path';
import { encodeFrame, type Event } from '@cansat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { GroundStation } from '../src/ground-station.ts';
import { loadRecording } from '../src/replay/recording.ts';
import { ReplayEngine } from '../src/replay/replay-engine.ts';
import { startReplay } from '../src/replay/replay-ground.ts';
import { client, folder, telemetry, until } from './helpers.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A live session of `seconds` at 10 Hz, recorded to disk, with a state change event. */
function recordSession(seconds: number) {
  const dir = folder();
  const live = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'test', record: { folder: dir, kind: 'simulator' } });
  const start = 1_800_000_000_000;
  for (let i = 1; i <= seconds * 10; i++) {
    const frame = encodeFrame(telemetry(i, { state: i > 50 ? 'ASCENT' : 'LAUNCH_PAD' }));
    // Split some frames across chunks, as a radio does.
    if (i % 7 === 0) {
      live.ingest(frame.subarray(0, 20), start + i * 100);
      live.ingest(frame.subarray(20), start + i * 100 + 3);
    } else {
      live.ingest(frame, start + i * 100);
    }
    if (i === 51) {
      const event: Event = { type: 'event', teamId: 1234, packetCount: 1, missionTime: 0, event: 'STATE_CHANGE', state: 'ASCENT', subject: 'MISSION', value: 51 };
      live.ingest(encodeFrame(event), start + i * 100 + 50);
    }
  }
  live.close();
  return { dir, live, start };
}

function replayInto(dir: string, speed: number) {
  const recording = loadRecording(join(dir, 'radio.raw'));
  let station = new GroundStation({ teamId: 1234, wireFormat: recording.wireFormat, source: 'replay', replay: true });
  const engine = new ReplayEngine(recording, { chunk: (bytes, at) => station.ingest(bytes, recording.startedAt + at), restart: () => (station = new GroundStation({ teamId: 1234, wireFormat: recording.wireFormat, source: 'replay', replay: true })), status: () => {} }, speed);
  cleanups.push(() => engine.close());
  return { recording, engine, station: () => station };
}

describe('replay', () => {
  it('reproduces the live session exactly: the same messages at the same times', () => {
    const { dir, live, start } = recordSession(20);
    const { engine, station } = replayInto(dir, 0);
    engine.finish();
    expect(station().telemetry.map((t) => t.data)).toEqual(live.telemetry.map((t) => t.data));
    expect(station().telemetry.map((t) => t.receivedAt)).toEqual(live.telemetry.map((t) => t.receivedAt));
    expect(station().telemetry[0]!.receivedAt).toBeGreaterThan(start);
    expect(station().events.map((e) => e.data)).toEqual(live.events.map((e) => e.data));
    expect(station().linkStats(0)).toMatchObject({ framesReceived: 201, framesLost: 0 });
  });

  it('seeks forwards and backwards, and steps one chunk at a time', () => {
    const { dir } = recordSession(20);
    const { engine, station } = replayInto(dir, 1);
    engine.seek(10_000);
    const atTen = station().telemetry.length;
    expect(atTen).toBeGreaterThanOrEqual(99);
    expect(atTen).toBeLessThanOrEqual(101);
    engine.seek(5_000);
    expect(station().telemetry.length).toBeLessThanOrEqual(51);
    const before = station().telemetry.length;
    engine.step();
    engine.step();
    expect(station().telemetry.length - before).toBeGreaterThanOrEqual(1);
    expect(station().telemetry.length - before).toBeLessThanOrEqual(2);
    expect(engine.status.playing).toBe(false);
  });

  it('plays at the chosen speed: 64× finishes 20 s in well under two seconds, 0.25× has barely started', async () => {
    const { dir } = recordSession(20);
    const fast = replayInto(dir, 64);
    fast.engine.play();
    await until(() => fast.engine.status.finished, 3000, 'the 64× replay to finish');
    expect(fast.station().telemetry).toHaveLength(200);
    const slow = replayInto(dir, 0.25);
    slow.engine.play();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(slow.station().telemetry.length).toBeLessThan(5);
    slow.engine.setSpeed(0);
    await until(() => slow.engine.status.finished, 3000, 'as fast as possible');
    expect(slow.station().telemetry).toHaveLength(200);
  });

  it("replays an AAS CSV file (ours or another team's) through the same decoder", () => {
    const { dir } = recordSession(5);
    const recording = loadRecording(join(dir, 'Flight_1234.csv'));
    expect(recording.wireFormat).toBe('aas-2025');
    expect(recording.duration).toBeGreaterThan(4000);
    const station = new GroundStation({ teamId: 1234, wireFormat: recording.wireFormat, source: 'csv', replay: true });
    for (const chunk of recording.chunks) station.ingest(chunk.bytes, chunk.receivedAt);
    expect(station.telemetry.map((t) => t.data.packetCount)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('serves a replay marked as such, with controls for the operator only', async () => {
    const { dir } = recordSession(20);
    const replay = await startReplay({ file: join(dir, 'radio.raw'), speed: 4, paused: true, httpPort: 0, host: '127.0.0.1' });
    cleanups.push(() => replay.close());
    const url = `ws://127.0.0.1:${replay.server.port}/ws`;
    const viewer = await client(url);
    const teacher = await client(url);
    cleanups.push(() => viewer.close(), () => teacher.close());
    await until(() => viewer.of('hello').length === 1);
    expect(viewer.of('hello')[0]).toMatchObject({ mode: 'replay', replay: { playing: false, speed: 4 } });
    viewer.send({ type: 'replay', action: 'play' });
    await until(() => viewer.of('error').length === 1);
    expect(viewer.of('error')[0]!.code).toBe('unauthorised');
    teacher.send({ type: 'auth', token: replay.server.token });
    teacher.send({ type: 'replay', action: 'seek', value: 10_000 });
    await until(() => teacher.of('hello').length === 2, 3000, 'a fresh hello after the seek');
    expect(teacher.of('hello')[1]!.telemetry.count).toBeGreaterThanOrEqual(99);
    teacher.send({ type: 'replay', action: 'play' });
    await until(() => viewer.of('telemetry').length > 5, 3000, 'replayed telemetry');
    expect(viewer.of('telemetry').every((m) => m.replay)).toBe(true);
    teacher.send({ type: 'command', id: 'x', command: { name: 'CX', on: true } });
    await until(() => teacher.of('error').length === 1);
    expect(teacher.of('error')[0]!.code).toBe('not-available');
    // Given a single file, there is nothing else to open, and never a path of the client's choosing.
    teacher.send({ type: 'replay', action: 'open', file: '../../etc/passwd' });
    await until(() => teacher.of('error').length === 2);
    expect(teacher.of('error')[1]!.code).toBe('not-available');
    // A speed the engine cannot play is out of range, not a malformed message.
    teacher.send({ type: 'replay', action: 'speed', value: 100 });
    await until(() => teacher.of('error').length === 3);
    expect(teacher.of('error')[2]).toMatchObject({ code: 'out-of-range', message: expect.stringMatching(/0\.25 to 64/) });
  });
});
