import { join } from 'node:path';
import { MISSION_STATES, deframe, type Telemetry } from '@cansat/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { BlackBox } from '../src/storage/black-box.ts';
import { startLiveFlight } from '../../test/support/live-flight.ts';

/** Simulated seconds per real second: a whole flight in about 20 s. */
const SCALE = 10;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function liveFlight(seed: number) {
  const flight = await startLiveFlight({ seed, scale: SCALE });
  cleanups.push(() => flight.close());
  return flight;
}

describe('processor resets of the real flight process (SIGKILL)', () => {
  it.each([
    [1, [22_000, 27_000, 31_500, 40_000, 58_000, 90_000, 130_000]],
    [2, [16_500, 26_000, 29_000, 35_000, 47_000, 75_000, 160_000]],
    [3, [20_000, 24_500, 28_000, 33_000, 52_000, 110_000, 170_000]],
  ])('flight %i: killed at 7 points, restarted each time, the mission carries on', async (seed, killAt) => {
    const flight = await liveFlight(seed);
    await flight.start();
    await flight.waitUntil(flight.clock.now() + 1000);
    flight.send({ name: 'ST', time: 13 * 3600 });
    flight.send({ name: 'CAL' });
    flight.send({ name: 'CX', on: true });
    // Each kill waits until the restarted program is sending again (on a loaded machine a start can take longer
    // than the gap to the next kill), and the longest time down bounds the mission-time gaps checked below.
    let longestDown = 0;
    for (const at of killAt) {
      await flight.waitUntil(at);
      const sending = flight.received.filter((m) => m.type === 'telemetry').length;
      while (flight.received.filter((m) => m.type === 'telemetry').length === sending) await new Promise((resolve) => setTimeout(resolve, 20));
      const killed = flight.clock.now();
      flight.kill();
      await flight.start();
      longestDown = Math.max(longestDown, flight.clock.now() - killed);
    }
    await flight.waitUntil(205_000);
    const telemetry = flight.received.filter((m): m is Telemetry => m.type === 'telemetry');
    const context = `\n${flight.output()}`;
    expect(telemetry.length, context).toBeGreaterThan(120);
    // The CanSat's own log: every packet count once, none skipped, none repeated.
    const records = BlackBox.read(join(flight.dir, 'state', 'blackbox.bin')).records;
    const logged = records.filter((r) => r.kind === 'telemetry').map((r) => r.packetCount);
    expect(logged, context).toEqual(logged.map((_, i) => i + 1));
    // On the ground: never a repeated count; a frame lost at the instant of a kill at most.
    const counts = telemetry.map((t) => t.packetCount);
    for (let i = 1; i < counts.length; i++) {
      expect(counts[i]! - counts[i - 1]!, context).toBeGreaterThanOrEqual(1);
      expect(counts[i]! - counts[i - 1]!, context).toBeLessThanOrEqual(2);
      // States never go back; mission time runs on, with at most the restart in between.
      expect(MISSION_STATES.indexOf(telemetry[i]!.state), context).toBeGreaterThanOrEqual(MISSION_STATES.indexOf(telemetry[i - 1]!.state));
      const gap = telemetry[i]!.missionTime - telemetry[i - 1]!.missionTime;
      expect(gap, context).toBeGreaterThan(0);
      expect(gap, context).toBeLessThan(longestDown + 3000);
    }
    expect(telemetry[0]!.missionTime).toBeGreaterThanOrEqual(13 * 3600 * 1000);
    expect(telemetry.at(-1)!.state, context).toBe('LANDED');
    const recovered = flight.received.filter((m) => m.type === 'event' && m.event === 'RESET_RECOVERED');
    // Every reset is logged on board; a program killed again before its radio opened could not tell the ground,
    // so the ground sees the count jump, never go back.
    const loggedResets = records.filter((r) => r.kind === 'event').flatMap((r) => {
      const result = deframe(r.bytes);
      return result.status === 'ok' && result.message.type === 'event' && result.message.event === 'RESET_RECOVERED' ? [result.message.value] : [];
    });
    expect(loggedResets, context).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const heard = recovered.map((m) => (m.type === 'event' ? m.value : 0));
    expect(heard, context).toEqual([...heard].sort((a, b) => a - b));
    expect(heard.at(-1), context).toBe(7);
    expect(flight.sim.world.events.filter((e) => e.what === 'released'), context).toHaveLength(1);
  }, 120_000);
});
