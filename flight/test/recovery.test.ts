import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEALTH_BITS, MISSION_STATES, type Telemetry } from '@cansat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, telemetryOf, type SimulatedFlight } from '../../test/support/simulated-flight.ts';
import { BlackBox } from '../src/storage/black-box.ts';

let flight: SimulatedFlight | undefined;
afterEach(closeFlights);

/** The checks every recovered mission must pass. */
function expectContinuous(telemetry: Telemetry[]) {
  // Packet counts: no repeat and no gap (the link is clean in these tests).
  expect(telemetry.map((t) => t.packetCount)).toEqual(telemetry.map((_, i) => i + 1));
  for (let i = 1; i < telemetry.length; i++) {
    const [a, b] = [telemetry[i - 1]!, telemetry[i]!];
    // States never go back; mission time runs on (a reset costs at most its reboot time, here 2 s).
    expect(MISSION_STATES.indexOf(b.state)).toBeGreaterThanOrEqual(MISSION_STATES.indexOf(a.state));
    expect(b.missionTime - a.missionTime).toBeGreaterThan(500);
    expect(b.missionTime - a.missionTime).toBeLessThan(3500);
  }
}

describe('processor resets (in-process, on the virtual clock)', () => {
  it('resumes the same mission after resets at 20 points of the flight', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 20 } });
    await flight.run(2000);
    flight.send({ name: 'ST', time: 14 * 3600 });
    flight.send({ name: 'CAL' });
    flight.send({ name: 'CX', on: true });
    // 20 resets, spread over the pad, the burn, apogee, both descents and the ground, at odd instants.
    let at = 2000;
    for (let i = 0; i < 20; i++) {
      const gap = 3000 + ((i * 7919) % 6000) + (i % 3) * 137;
      await flight.run(gap);
      at += gap;
      await flight.resetFor(2000);
    }
    await flight.run(Math.max(0, 230_000 - at));
    const telemetry = telemetryOf(flight.received);
    expectContinuous(telemetry);
    expect([...new Set(telemetry.map((t) => t.state))]).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    expect(telemetry.at(-1)!.health & HEALTH_BITS.RESET_RECOVERED).toBe(HEALTH_BITS.RESET_RECOVERED);
    const recoveries = flight.received.filter((m) => m.type === 'event' && m.event === 'RESET_RECOVERED');
    expect(recoveries.map((m) => m.type === 'event' && m.value)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Released exactly once, at the rule, whatever the resets did.
    expect(flight.sim.world.events.filter((e) => e.what === 'released')).toHaveLength(1);
  }, 120_000);
});

describe('bad input', () => {
  it('a corrupt state file falls back to the previous copy, and says so', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 1000 } });
    await flight.run(1000);
    flight.send({ name: 'CX', on: true });
    await flight.run(5000);
    flight.program.abandon();
    writeFileSync(join(flight.config.stateDir, 'mission.json'), '{"version":1,"teamId":12');
    await flight.resetFor(1000);
    await flight.run(3000);
    const telemetry = telemetryOf(flight.received);
    expectContinuous(telemetry);
    const storage = flight.received.filter((m) => m.type === 'event' && m.event === 'FAULT' && m.subject === 'STORAGE');
    expect(storage).toHaveLength(1);
    expect(telemetry.at(-1)!.faults).toBeGreaterThan(0);
  }, 60_000);

  it('both state copies corrupt: the black box still gives the packet count and the state', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 10 } });
    await flight.run(1000);
    flight.send({ name: 'CAL' });
    flight.send({ name: 'CX', on: true });
    await flight.run(40_000);
    const before = telemetryOf(flight.received).at(-1)!;
    expect(['DESCENT', 'PROBE_RELEASE']).toContain(before.state);
    flight.program.abandon();
    for (const file of ['mission.json', 'mission.json.prev']) writeFileSync(join(flight.config.stateDir, file), 'garbage');
    await flight.resetFor(1000);
    await flight.run(3000);
    const after = telemetryOf(flight.received).filter((t) => t.packetCount > before.packetCount);
    expect(after[0]!.packetCount).toBe(before.packetCount + 1);
    expect(after[0]!.state).toBe(before.state);
    expect(after.every((t) => t.state !== 'LAUNCH_PAD')).toBe(true);
  }, 60_000);

  it('a torn black-box record after a power cut is cut and the log carries on', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 1000 } });
    await flight.run(1000);
    flight.send({ name: 'CX', on: true });
    await flight.run(3000);
    flight.program.abandon();
    const path = join(flight.config.stateDir, 'blackbox.bin');
    writeFileSync(path, Buffer.from([200, 0, 0, 0, 1, 2, 3]), { flag: 'a' });
    await flight.resetFor(500);
    await flight.run(3000);
    const { records, tornBytes } = BlackBox.read(path);
    expect(tornBytes).toBe(0);
    const counts = records.filter((r) => r.kind === 'telemetry').map((r) => r.packetCount);
    expect(counts).toEqual(counts.map((_, i) => i + 1));
    expect(counts.length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
