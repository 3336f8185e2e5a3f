import { readFileSync } from 'node:fs';
import { parseSimPressureFile, type MissionState, type Telemetry } from '@cansat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, telemetryOf } from '../../test/support/simulated-flight.ts';

afterEach(closeFlights);

const SIMP_DIR = new URL('../../test/fixtures/realdata/simp/', import.meta.url);

/** Metres above the first pressure, by the ISA troposphere (288.15 K, 6.5 K/km): how the judges make their files. */
const isaAltitude = (p: number, ground: number) => (288.15 / 0.0065) * (1 - (p / ground) ** 0.190263);

/** What the file itself says, worked out from its pressures alone. */
function truthOf(pascals: number[]) {
  const ground = pascals[0]!;
  const altitude = pascals.map((p) => isaAltitude(p, ground));
  // A spike: a line more than 600 Pa (about 50 m) away from the median of the five lines around it.
  const spike = pascals.map((p, i) => {
    const around = pascals.slice(Math.max(0, i - 2), i + 3).sort((a, b) => a - b);
    return Math.abs(p - around[Math.floor(around.length / 2)]!) > 600;
  });
  let peak = 0;
  altitude.forEach((h, i) => {
    if (!spike[i] && h > altitude[peak]!) peak = i;
  });
  // Back on the ground: from this line on, every pressure stays within 60 Pa (5 m) of the last one.
  const last = pascals.at(-1)!;
  let landed = pascals.length - 1;
  while (landed > 0 && Math.abs(pascals[landed - 1]! - last) <= 60) landed--;
  return { altitude, spike, peak, landed };
}

/** Flies a judges' file through the flight program in simulation mode, one SIMP a second. */
async function flyFile(name: string) {
  const { pascals, errors } = parseSimPressureFile(readFileSync(new URL(name, SIMP_DIR), 'utf8'));
  expect(errors).toEqual([]);
  // The simulator's rocket stays on the pad: only the file's pressures may move the mission.
  const flight = await simulatedFlight({ scenario: { padWait: 100_000 } });
  flight.send({ name: 'CX', on: true });
  flight.send({ name: 'SIM', action: 'ENABLE' });
  flight.send({ name: 'SIM', action: 'ACTIVATE' });
  await flight.run(1500);
  const entered: { state: MissionState; line: number }[] = [];
  const telemetry: { line: number; packet: Telemetry }[] = [];
  for (const [line, p] of pascals.entries()) {
    const before = flight.received.length;
    flight.send({ name: 'SIMP', pascals: p });
    await flight.run(1000);
    const arrived = flight.received.slice(before);
    for (const m of arrived) if (m.type === 'event' && m.event === 'STATE_CHANGE') entered.push({ state: m.state, line });
    // Each packet belongs to the line whose pressure it carries (this one, or the one before if it left first).
    for (const packet of telemetryOf(arrived)) {
      const at = packet.pressure !== null && Math.abs(packet.pressure * 1000 - p) <= 5 ? line : line - 1;
      if (at >= 0) telemetry.push({ line: at, packet });
    }
  }
  return { pascals, entered, telemetry, flight };
}

describe("the judges' simulated-pressure files, flown at one SIMP a second", () => {
  for (const file of ['2021-TAMU-Cansat_2021_sim_file_B.csv', '2021-TAMU-simp_example.csv']) {
    it(`${file}: every state at its moment, no spike moves one, the altitude as the file says`, async () => {
      const { pascals, entered, telemetry, flight } = await flyFile(file);
      const truth = truthOf(pascals);
      const lineOf = (state: MissionState) => entered.find((e) => e.state === state)!.line;

      expect(entered.map((e) => e.state)).toEqual(['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
      expect(entered.filter((e) => truth.spike[e.line])).toEqual([]);
      expect(Math.abs(lineOf('APOGEE') - truth.peak)).toBeLessThanOrEqual(2);
      expect(lineOf('DESCENT') - lineOf('APOGEE')).toBeGreaterThan(0);
      expect(lineOf('DESCENT') - lineOf('APOGEE')).toBeLessThanOrEqual(3);
      // The release (80 % by default) within 3 % of the peak of that fraction, by the file's own altitude.
      const releasedAt = truth.altitude[lineOf('PROBE_RELEASE')]! / truth.altitude[truth.peak]!;
      expect(Math.abs(releasedAt - 0.8)).toBeLessThanOrEqual(0.03);
      expect(lineOf('LANDED')).toBeGreaterThanOrEqual(truth.landed);
      expect(lineOf('LANDED') - truth.landed).toBeLessThanOrEqual(5);

      // Every line but a spike: the telemetry altitude within 2 % (or 5 m) of the file's.
      const lines = new Set(telemetry.map((t) => t.line));
      expect(lines.size).toBeGreaterThan(pascals.length - 3);
      const wrong = telemetry.filter(({ line, packet }) => {
        const h = truth.altitude[line]!;
        return !truth.spike[line] && !(Math.abs(packet.altitude! - h) <= Math.max(5, 0.02 * Math.abs(h)));
      });
      expect(wrong.map(({ line, packet }) => `line ${line}: ${packet.altitude} m for ${truth.altitude[line]!.toFixed(1)} m`)).toEqual([]);
      expect(telemetry.every(({ packet }) => packet.mode === 'simulation')).toBe(true);
      // The spikes were thrown away, and counted as such nowhere else: the CanSat never faulted.
      expect(flight.program.core.faults).toBe(0);
    }, 60_000);
  }
});
