import { describe, expect, it } from 'vitest';
import { telemetryCsvHeader, telemetryCsvRow } from './csv.ts';
import { SAMPLE_TELEMETRY } from './testing/sample-messages.ts';

describe('telemetry CSV', () => {
  it('has one column per table field, with units, and empty cells for absent readings', () => {
    const header = telemetryCsvHeader().split(',');
    const row = telemetryCsvRow({ ...SAMPLE_TELEMETRY, altitude: null }).split(',');
    expect(header).toHaveLength(28);
    expect(row).toHaveLength(28);
    expect(header.slice(0, 6)).toEqual(['teamId', 'packetCount', 'missionTime [ms]', 'mode', 'state', 'altitude [m]']);
    expect(row.slice(0, 7)).toEqual(['1234', '7', '3600000', 'flight', 'ASCENT', '', '21.5']);
    expect(header.at(-1)).toBe('rejects');
  });
});
