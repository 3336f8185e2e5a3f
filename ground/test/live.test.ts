import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deframe, encodeFrame, type Message } from '@cansat/protocol';
import { CommandVerifier, generateKeyHex, parseKey } from '@cansat/protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveGround, type LiveGround } from '../src/live-ground.ts';
import { client, folder, radioPair, telemetry, until } from './helpers.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(key: Uint8Array | null = null, log: (line: string) => void = () => {}) {
  const radio = await radioPair();
  const ground: LiveGround = await startLiveGround({
    port: radio.link.path('ground'),
    baudRate: 115_200,
    teamId: 1234,
    wireFormat: 'binary',
    key,
    recordRoot: folder(),
    kind: 'simulator',
    httpPort: 0,
    host: '127.0.0.1',
    log,
  });
  cleanups.push(() => radio.link.close(), () => new Promise((r) => radio.cansat.close(r)), () => ground.close());
  await until(() => ground.receiver.connected, 5000, 'the ground radio to open');
  const url = `ws://127.0.0.1:${ground.server.port}/ws`;
  return { radio, ground, url };
}

describe('live reception over a real pty pair', () => {
  it('delivers frames written on the radio to a WebSocket client in order, and records them', async () => {
    const { radio, ground, url } = await setUp();
    const viewer = await client(url);
    cleanups.push(() => viewer.close());
    for (let i = 1; i <= 50; i++) radio.cansat.write(encodeFrame(telemetry(i)));
    await until(() => viewer.of('telemetry').length === 50, 5000, '50 telemetry messages');
    expect(viewer.of('telemetry').map((m) => m.data.packetCount)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(viewer.of('telemetry').every((m) => m.replay === false)).toBe(true);
    expect(ground.station.csvRows).toBe(50);
    expect(existsSync(join(ground.session, 'radio.raw'))).toBe(true);
    const late = await client(url);
    cleanups.push(() => late.close());
    await until(() => late.histories.length > 0);
    expect(late.of('hello')[0]!.telemetry.count).toBe(50);
    const history = late.histories[0]!;
    expect(history.numeric.get('altitude')!.at(-1)).toBe(5);
    expect([...history.numeric.get('packetCount')!]).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(history.receivedAt.every((at, i) => at > 0 && (i === 0 || at >= history.receivedAt[i - 1]!))).toBe(true);
    expect(history.text.get('state')!.every((s) => s === 'LAUNCH_PAD')).toBe(true);
  });

  it('says when the radio vanishes, and resumes by itself when it comes back', async () => {
    const { radio, ground, url } = await setUp();
    const viewer = await client(url);
    cleanups.push(() => viewer.close());
    radio.cansat.write(encodeFrame(telemetry(1)));
    await until(() => viewer.of('telemetry').length === 1);
    await radio.link.unplug('ground');
    await until(() => !ground.receiver.connected, 5000, 'the unplug to be noticed');
    await until(() => viewer.of('link').some((m) => !m.stats.connected), 3000, 'a link message saying disconnected');
    await radio.link.plug('ground');
    await until(() => ground.receiver.connected, 5000, 'the radio to reopen');
    for (let i = 2; i <= 5; i++) radio.cansat.write(encodeFrame(telemetry(i)));
    await until(() => viewer.of('telemetry').length === 5, 5000, 'frames after replugging');
    expect(viewer.of('telemetry').map((m) => m.data.packetCount)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('commands and who may send them', () => {
  it('an operator command goes up signed, is acknowledged, and a viewer cannot command', async () => {
    const key = parseKey(generateKeyHex());
    const { radio, ground, url } = await setUp(key);
    const uplinked: Message[] = [];
    let pending = Buffer.alloc(0);
    radio.cansat.on('data', (bytes: Buffer) => {
      pending = Buffer.concat([pending, bytes]);
      for (let r = deframe(pending); r.status !== 'more-needed'; r = deframe(pending)) {
        if (r.status === 'ok') uplinked.push(r.message);
        pending = pending.subarray(r.length);
      }
    });
    const viewer = await client(url);
    const operator = await client(url);
    cleanups.push(() => viewer.close(), () => operator.close());
    viewer.send({ type: 'command', id: 'v1', command: { name: 'CX', on: true } });
    await until(() => viewer.of('error').length === 1);
    expect(viewer.of('error')[0]).toMatchObject({ code: 'unauthorised', id: 'v1' });
    operator.send({ type: 'auth', token: 'not-the-token' });
    await until(() => operator.of('error').length === 1);
    expect(operator.of('error')[0]!.code).toBe('bad-token');
    operator.send({ type: 'auth', token: ground.server.token });
    await until(() => operator.of('role').length === 1);
    operator.send({ type: 'command', id: 'c1', command: { name: 'CX', on: true } });
    await until(() => uplinked.length === 1, 3000, 'the command frame on the CanSat side');
    const frame = uplinked[0]!;
    if (frame.type !== 'command') throw new Error('not a command');
    expect(new CommandVerifier({ key, teamId: 1234 }).verify(frame)).toMatchObject({ ok: true, command: { name: 'CX', on: true } });
    radio.cansat.write(encodeFrame({ type: 'ack', teamId: 1234, packetCount: 1, missionTime: 0, counter: frame.counter, command: 'CX', result: 'OK' }));
    await until(() => viewer.of('command').some((m) => m.status.state === 'acked'), 3000, 'the ack to reach viewers');
    // Hazardous commands need a confirmation.
    operator.send({ type: 'command', id: 'c2', command: { name: 'MEC', device: 'RELEASE', on: true } });
    await until(() => operator.of('error').length === 2);
    expect(operator.of('error')[1]).toMatchObject({ code: 'needs-confirmation', id: 'c2' });
    expect(uplinked).toHaveLength(1);
    operator.send({ type: 'command', id: 'c3', command: { name: 'MEC', device: 'RELEASE', on: true }, confirm: true });
    await until(() => uplinked.length === 2);
  });

  it('answers malformed, oversized and flooding messages with errors while other clients keep receiving', async () => {
    const console: string[] = [];
    const { radio, url } = await setUp(null, (line) => console.push(line));
    const bad = await client(url);
    const good = await client(url);
    cleanups.push(() => bad.close(), () => good.close());
    bad.send('{not json');
    bad.send({ type: 'command', id: 'x', command: { name: 'LAUNCH' } });
    bad.send({ type: 'command', id: 'y', command: { name: 'RATE', hz: 'fast' } });
    bad.send({ type: 'auth', token: 'x'.repeat(5000) });
    // 10 MB: answered like any oversized message, and the connection stays.
    bad.send({ type: 'auth', token: 'x'.repeat(10_000_000) });
    await until(() => bad.of('error').length === 5, 10_000, 'five error replies');
    expect(bad.of('error').map((e) => e.code)).toEqual(['malformed', 'malformed', 'malformed', 'too-large', 'too-large']);
    // A wrong message names the field to fix, not "Expected union value".
    expect(bad.of('error')[1]!.message).toMatch(/\/command\/name: "LAUNCH" is not one of CX, ST, SIM, SIMP, CAL, MEC, BCN, RATE/);
    expect(bad.of('error')[2]!.message).toMatch(/\/command\/hz: Expected integer/);
    for (let i = 0; i < 200; i++) bad.send({ type: 'auth', token: 'guess' });
    for (let i = 1; i <= 20; i++) radio.cansat.write(encodeFrame(telemetry(i)));
    await until(() => good.of('telemetry').length === 20, 5000, 'the good client to keep receiving');
    await until(() => bad.of('error').some((e) => e.code === 'flood'), 3000, 'a flood error');
    // One answer for the flood, not one per message; the station's console says who.
    expect(bad.of('error').filter((e) => e.code === 'flood')).toHaveLength(1);
    expect(console.some((line) => /sends more than 20 messages a second/.test(line))).toBe(true);
    expect(console.some((line) => /a wrong operator token from/.test(line))).toBe(true);
    expect(good.of('error')).toEqual([]);
  });
});
