import { loadScenario } from '@cansat/firmware-sim';
import { HEALTH_BITS, type Telemetry } from '@cansat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, telemetryOf, type SimulatedFlight } from '../../test/support/simulated-flight.ts';

let flight: SimulatedFlight | undefined;
afterEach(closeFlights);

/** Flies a bundled scenario from CAL and CX ON to well after landing. */
async function fly(name: string, extra: object = {}) {
  const scenario = await loadScenario(name);
  flight = await simulatedFlight({ scenario: { ...scenario, padWait: 20, ...extra } });
  await flight.run(2000);
  flight.send({ name: 'CAL' });
  flight.send({ name: 'CX', on: true });
  await flight.run(220_000);
  return { flight, telemetry: telemetryOf(flight.received) };
}

const statesOf = (telemetry: Telemetry[]) => [...new Set(telemetry.map((t) => t.state))];
const ORDER = ['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED'];

describe('missions over the simulator scenarios', () => {
  it('parachute failure: fires the parachute, then flies the rest in order', async () => {
    const { flight, telemetry } = await fly('parachute-failure');
    expect(statesOf(telemetry)).toEqual(ORDER);
    const what = flight.sim.world.events.map((e) => e.what);
    expect(what).toContain('parachute fired');
    expect(what.indexOf('parachute fired')).toBeLessThan(what.indexOf('released'));
    const deployments = flight.received.flatMap((m) => (m.type === 'event' && m.event === 'DEPLOYMENT' ? [m.subject] : []));
    expect(deployments).toEqual(['PARACHUTE', 'RELEASE']);
  }, 60_000);

  it('glitched barometer: no early or repeated transition, release still at the rule', async () => {
    const { flight, telemetry } = await fly('baro-glitches');
    expect(statesOf(telemetry)).toEqual(ORDER);
    // Every state entered once, in order, never left backwards.
    const changes = telemetry.filter((t, i) => i > 0 && t.state !== telemetry[i - 1]!.state).map((t) => t.state);
    expect(changes).toEqual(ORDER.slice(1));
    const world = flight.sim.world;
    const ignition = world.params.ignitionTime;
    const ascent = flight.received.find((m) => m.type === 'event' && m.event === 'STATE_CHANGE' && m.state === 'ASCENT')!;
    // Launch detected within a second of ignition, not at the pad glitches before it.
    const ascentAt = ascent.missionTime / 1000;
    expect(ascentAt).toBeGreaterThan(ignition);
    expect(ascentAt).toBeLessThan(ignition + 1.5);
    const release = world.events.find((e) => e.what === 'released')!;
    expect(release.altitude / world.vehicle.peakAltitude).toBeGreaterThan(0.78);
    expect(release.altitude / world.vehicle.peakAltitude).toBeLessThan(0.81);
  }, 60_000);

  it('sensor dropout: the IMU fields go absent with their health bit, and the mission flies on', async () => {
    const { telemetry } = await fly('sensor-dropout');
    expect(statesOf(telemetry)).toEqual(ORDER);
    const ignitionMs = 20_000;
    const before = telemetry.filter((t) => t.missionTime < ignitionMs + 15_000);
    const after = telemetry.filter((t) => t.missionTime > ignitionMs + 25_000);
    expect(before.every((t) => t.accelY !== null && (t.health & HEALTH_BITS.IMU) === 0)).toBe(true);
    expect(after.every((t) => t.accelY === null && t.gyroY === null && (t.health & HEALTH_BITS.IMU) !== 0)).toBe(true);
    // The GPS went quiet from T+30 s to T+60 s.
    const silent = telemetry.filter((t) => t.missionTime > ignitionMs + 35_000 && t.missionTime < ignitionMs + 58_000);
    expect(silent.every((t) => t.latitude === null && (t.health & HEALTH_BITS.GPS) !== 0)).toBe(true);
    const back = telemetry.filter((t) => t.missionTime > ignitionMs + 65_000);
    expect(back.every((t) => t.latitude !== null)).toBe(true);
    expect(telemetry.at(-1)!.altitude).not.toBeNull();
  }, 60_000);
});
