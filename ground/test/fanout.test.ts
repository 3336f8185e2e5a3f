import { afterEach, describe, expect, it } from 'vitest';
import { GroundServer } from '../src/server/ground-server.ts';
import type { Hello } from '@cansat/protocol/station';
import { client, telemetry, until, welcome } from './helpers.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('broadcast to a classroom', () => {
  it('100 clients at 10 Hz all get every message; a stalled client is skipped and delays no one', async () => {
    // The history a late laptop is sent: two hours at 10 Hz would be this big.
    let history: { receivedAt: number; data: ReturnType<typeof telemetry> }[] = [];
    const hello = (role: Hello['role']) => welcome(role, history);
    const server = await GroundServer.listen({ port: 0, hello });
    cleanups.push(() => server.close());
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const healthy = await Promise.all(Array.from({ length: 100 }, () => client(url)));
    cleanups.push(() => healthy.forEach((c) => c.close()));

    // A laptop that joins late with the whole flight to catch up on, and then stops reading.
    history = Array.from({ length: 72_000 }, (_, i) => ({ receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1) }));
    const stalled = await client(url);
    cleanups.push(() => stalled.socket.terminate());
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const sentAt: number[] = [];
    for (let i = 1; i <= 30; i++) {
      sentAt.push(Date.now());
      server.broadcast({ type: 'telemetry', receivedAt: Date.now(), replay: false, data: telemetry(i) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await until(() => healthy.every((c) => c.of('telemetry').length === 30), 5000, 'every healthy client to get all 30');
    for (const c of healthy) expect(c.of('telemetry').map((m) => m.data.packetCount)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(server.skipped).toBeGreaterThanOrEqual(25);
    expect(server.clientCount).toBe(101);
  }, 30_000);
});
