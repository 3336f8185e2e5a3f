import { ISA, pressureAt } from '@cansat/firmware-sim';
import { encodeFrame, type Ack, type Message } from '@cansat/protocol';
import { generateKeyHex, parseKey, signCommand } from '@cansat/protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, telemetryOf, type SimulatedFlight } from '../../test/support/simulated-flight.ts';

let flight: SimulatedFlight | undefined;
afterEach(closeFlights);

const acks = (messages: Message[]) => messages.flatMap((m) => (m.type === 'ack' ? [m] : []));
const lastAck = (f: SimulatedFlight): Ack | undefined => acks(f.received).at(-1);

describe('commands', () => {
  it('does what each command says and echoes it', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 1000, devices: { gpsFixDelay: 0 } } });
    const f = flight;
    await f.run(1000);
    f.send({ name: 'CX', on: true });
    await f.run(2900);
    // One at once, then one a second.
    expect(telemetryOf(f.received).length).toBe(3);
    expect(telemetryOf(f.received).at(-1)!.cmdEcho).toBe('CXON');

    f.send({ name: 'CX', on: false });
    await f.run(3000);
    const count = telemetryOf(f.received).length;
    await f.run(3000);
    expect(telemetryOf(f.received).length).toBe(count);
    f.send({ name: 'CX', on: true });

    f.send({ name: 'ST', time: 13 * 3600 + 2 * 60 + 11 });
    await f.run(2000);
    expect(telemetryOf(f.received).at(-1)!.missionTime).toBeGreaterThan((13 * 3600 + 2 * 60 + 11) * 1000);
    expect(telemetryOf(f.received).at(-1)!.missionTime).toBeLessThan((13 * 3600 + 2 * 60 + 14) * 1000);

    f.send({ name: 'ST', time: 'GPS' });
    await f.run(2000);
    const t = telemetryOf(f.received).at(-1)!;
    expect(t.cmdEcho).toBe('STGPS');
    expect(Math.abs(t.missionTime / 1000 - t.gpsTime!)).toBeLessThan(2);

    f.send({ name: 'MEC', device: 'RELEASE', on: true });
    await f.run(500);
    expect(f.sim.world.releaseAngle).toBe(120);
    f.send({ name: 'MEC', device: 'RELEASE', on: false });
    f.send({ name: 'BCN', on: true });
    await f.run(500);
    expect(f.sim.world.releaseAngle).toBe(0);
    expect(f.sim.world.buzzerOn).toBe(true);

    f.send({ name: 'RATE', hz: 5 });
    await f.run(100);
    const before = telemetryOf(f.received).length;
    await f.run(2000);
    expect(telemetryOf(f.received).length - before).toBeGreaterThanOrEqual(9);
    expect(telemetryOf(f.received).at(-1)!.cmdEcho).toBe('RATE');
    expect(acks(f.received).every((a) => a.result === 'OK')).toBe(true);
    expect(acks(f.received).map((a) => a.command)).toEqual(['CX', 'CX', 'CX', 'ST', 'ST', 'MEC', 'MEC', 'BCN', 'RATE']);
  }, 60_000);

  it('refuses what is not allowed now: SIMP and ACTIVATE out of order, CAL after launch', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 5 } });
    const f = flight;
    await f.run(1000);
    f.send({ name: 'SIMP', pascals: 101_325 });
    await f.run(200);
    expect(lastAck(f)).toMatchObject({ command: 'SIMP', result: 'REFUSED' });
    f.send({ name: 'SIM', action: 'ACTIVATE' });
    await f.run(200);
    expect(lastAck(f)).toMatchObject({ command: 'SIM', result: 'REFUSED' });
    f.send({ name: 'CAL' });
    await f.run(10_000);
    expect(f.program.core.missionState).not.toBe('LAUNCH_PAD');
    f.send({ name: 'CAL' });
    await f.run(200);
    expect(lastAck(f)).toMatchObject({ command: 'CAL', result: 'REFUSED' });
    expect(f.program.telemetryNow().rejects).toBe(3);
  }, 60_000);

  it('rejects and counts unsigned, replayed and other teams\u2019 commands, and obeys the next good one', async () => {
    flight = await simulatedFlight({ scenario: { padWait: 1000 } });
    const f = flight;
    await f.run(1000);
    f.send({ name: 'CX', on: true });
    await f.run(500);
    // Unsigned: a frame whose signature is not made with this CanSat's key.
    const foreignKey = parseKey(generateKeyHex());
    f.sendBytes(encodeFrame(signCommand({ name: 'MEC', device: 'RELEASE', on: true }, { teamId: 1234, counter: 99, packetCount: 1, missionTime: 0 }, foreignKey)));
    await f.run(500);
    expect(lastAck(f)).toMatchObject({ command: 'MEC', result: 'BAD_SIGNATURE' });
    // Replayed: an old counter, correctly signed.
    f.sendBytes(encodeFrame(signCommand({ name: 'MEC', device: 'RELEASE', on: true }, { teamId: 1234, counter: 1, packetCount: 1, missionTime: 0 }, f.key)));
    await f.run(500);
    expect(lastAck(f)).toMatchObject({ command: 'MEC', result: 'REPLAYED' });
    // Another team's command, on the shared band: dropped, counted, not answered.
    f.sendBytes(encodeFrame(signCommand({ name: 'MEC', device: 'RELEASE', on: true }, { teamId: 4321, counter: 50, packetCount: 1, missionTime: 0 }, f.key)));
    await f.run(500);
    expect(acks(f.received)).toHaveLength(3);
    expect(f.sim.world.releaseAngle).toBe(0);
    await f.run(1500);
    expect(telemetryOf(f.received).at(-1)!.rejects).toBe(3);
    f.send({ name: 'BCN', on: true });
    await f.run(500);
    expect(lastAck(f)).toMatchObject({ command: 'BCN', result: 'OK' });
  }, 60_000);
});

describe('simulation mode', () => {
  it('flies the whole mission on SIMP pressures, and never shows the barometer in simulation telemetry', async () => {
    // The real CanSat stays on the pad (92 kPa); the simulated flight starts from sea level (101.3 kPa).
    flight = await simulatedFlight({ scenario: { padWait: 100_000 } });
    const f = flight;
    const simp = (altitude: number) => Math.round(pressureAt(altitude));
    const profile: number[] = [
      ...Array.from({ length: 10 }, () => 0),
      ...Array.from({ length: 8 }, (_, i) => (i + 1) * 100),
      ...Array.from({ length: 4 }, (_, i) => 800 + [30, 45, 45, 30][i]!),
      ...Array.from({ length: 60 }, (_, i) => Math.max(0, 800 - (i + 1) * 14)),
      ...Array.from({ length: 10 }, () => 0),
    ];
    await f.run(1000);
    f.send({ name: 'CX', on: true });
    f.send({ name: 'SIM', action: 'ENABLE' });
    f.send({ name: 'SIM', action: 'ACTIVATE' });
    await f.run(1000);
    const sent = new Set<number>();
    for (const altitude of profile) {
      const pascals = simp(altitude);
      sent.add(Math.round(pascals / 10) / 100);
      f.send({ name: 'SIMP', pascals });
      await f.run(1000);
    }
    const telemetry = telemetryOf(f.received);
    const simulated = telemetry.filter((t) => t.mode === 'simulation');
    expect(simulated.length).toBeGreaterThan(profile.length - 2);
    expect([...new Set(simulated.map((t) => t.state))]).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    for (const t of simulated) {
      if (t.pressure === null) continue;
      expect(sent.has(t.pressure)).toBe(true);
      expect(t.pressure).toBeGreaterThan(ISA.P0 / 1000 - 10);
    }
    expect(Math.max(...simulated.map((t) => t.altitude ?? 0))).toBeGreaterThan(800);
    // The real CanSat never moved.
    expect(f.sim.world.phase).toBe('PAD');
  }, 60_000);
});
