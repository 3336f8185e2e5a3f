import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, telemetryOf, type SimulatedFlight } from '../../test/support/simulated-flight.ts';

let flight: SimulatedFlight | undefined;
afterEach(closeFlights);

describe('flight program on the simulator', () => {
  it('flies a nominal mission: states in order, release at 80% of the peak (the 2026 guide), landing and beacon', async () => {
    flight = await simulatedFlight();
    await flight.run(2000);
    flight.send({ name: 'CAL' });
    flight.send({ name: 'CX', on: true });
    await flight.run(200_000);
    const telemetry = telemetryOf(flight.received);
    expect(telemetry.length).toBeGreaterThan(190);
    expect(telemetry.map((t) => t.packetCount)).toEqual(telemetry.map((_, i) => i + 1));
    const states = [...new Set(telemetry.map((t) => t.state))];
    expect(states).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    const world = flight.sim.world;
    const release = world.events.find((e) => e.what === 'released')!;
    expect(release.altitude / world.vehicle.peakAltitude).toBeGreaterThan(0.78);
    expect(release.altitude / world.vehicle.peakAltitude).toBeLessThan(0.81);
    expect(world.buzzerOn).toBe(true);
    const peak = Math.max(...telemetry.map((t) => t.altitude ?? 0));
    expect(Math.abs(peak - world.vehicle.peakAltitude)).toBeLessThan(10);
    const events = flight.received.flatMap((m) => (m.type === 'event' ? [m] : []));
    expect(events.filter((e) => e.event === 'STATE_CHANGE').map((e) => e.state)).toEqual(['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    expect(events.filter((e) => e.event === 'DEPLOYMENT').map((e) => e.subject)).toEqual(['RELEASE']);
    const acks = flight.received.flatMap((m) => (m.type === 'ack' ? [m] : []));
    expect(acks.map((a) => [a.command, a.result])).toEqual([
      ['CAL', 'OK'],
      ['CX', 'OK'],
    ]);
    expect(telemetry.at(-1)).toMatchObject({ cmdEcho: 'CXON', mode: 'flight', health: 0 });
  }, 60_000);
});
