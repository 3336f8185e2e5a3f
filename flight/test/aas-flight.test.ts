import { AAS_2025, formatCommandLine, type Telemetry } from '@cansat/protocol';
import { aasTelemetryDecoder } from '@cansat/protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFlights, simulatedFlight, type SimulatedFlight } from '../../test/support/simulated-flight.ts';

let flight: SimulatedFlight | undefined;
afterEach(closeFlights);

describe('flight program with the AAS 2025 wire format', () => {
  it('obeys AAS command lines and sends AAS telemetry lines through the whole mission', async () => {
    const lines: Telemetry[] = [];
    flight = await simulatedFlight({ config: { wireFormat: 'aas-2025' } });
    const decoder = aasTelemetryDecoder(AAS_2025, { teamId: 1234 });
    decoder.on('data', ({ telemetry }: { telemetry: Telemetry }) => lines.push(telemetry));
    flight.groundBytes((bytes) => decoder.write(bytes));
    await flight.run(2000);
    for (const command of [{ name: 'CAL' }, { name: 'CX', on: true }] as const) flight.sendBytes(new TextEncoder().encode(formatCommandLine(1234, command)));
    // Another team's line on the band is refused.
    flight.sendBytes(new TextEncoder().encode(formatCommandLine(4321, { name: 'CX', on: false })));
    await flight.run(200_000);
    expect(lines.length).toBeGreaterThan(190);
    expect(lines.map((t) => t.packetCount)).toEqual(lines.map((_, i) => i + 1));
    expect([...new Set(lines.map((t) => t.state))]).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    expect(lines.at(-1)!.cmdEcho).toBe('CXON');
    expect(flight.program.telemetryNow().rejects).toBe(1);
    // The AAS line has no binary frames in it: nothing else went out.
    expect(flight.received).toEqual([]);
  }, 60_000);
});
