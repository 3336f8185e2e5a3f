import { describe, expect, it } from 'vitest';
import { SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';
import { layoutProfile, type TeamLayout } from './team-layout.ts';
import { parseTelemetryLine, formatTelemetryLine, telemetryHeaderLine } from './telemetry-line.ts';

/** The 22-column layout 2026 teams fly, with the pressure in pascals as one team writes it. */
const TEAMS_2026: TeamLayout = {
  id: 'team-1093',
  description: 'our 2026 layout',
  columns: ['TEAM_ID', 'MISSION_TIME', 'PACKET_COUNT', 'MODE', 'STATE', 'ALTITUDE', 'TEMPERATURE', 'PRESSURE_PA', 'VOLTAGE', 'CURRENT', 'GYRO_R', 'GYRO_P', 'GYRO_Y', 'ACCEL_R', 'ACCEL_P', 'ACCEL_Y', 'GPS_TIME', 'GPS_ALTITUDE', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_SATS', 'CMD_ECHO'],
};

describe('layoutProfile', () => {
  it("writes and reads a team's own layout: its columns, its units, its state names", () => {
    const profile = layoutProfile(TEAMS_2026);
    expect(telemetryHeaderLine(profile)).toBe(TEAMS_2026.columns.join(','));
    const t = { ...SAMPLE_TELEMETRY, pressure: 99.1308, current: 0.24, state: 'DESCENT' as const };
    const line = formatTelemetryLine(t, profile);
    // Pascals in the PRESSURE_PA column, as the team's own ground station expects.
    expect(line.split(',')[7]).toBe('99130.8');
    const back = parseTelemetryLine(line, profile);
    if (!back.ok) throw new Error(back.detail);
    // Read back to the kit's resolution (0.01 kPa).
    expect(back.value.telemetry).toMatchObject({ pressure: 99.13, current: 0.24, state: 'DESCENT', teamId: t.teamId });
  });

  it("writes the layout's own state names, and leaves the columns the kit has no data for empty", () => {
    const profile = layoutProfile({ id: 'y2021', description: '2021 container', columns: ['TEAM_ID', 'MISSION_TIME', 'PACKET_COUNT', 'PACKET_TYPE', 'MODE', 'SP1_RELEASED', 'ALTITUDE', 'SOFTWARE_STATE', 'CMD_ECHO'], states: ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'SP1_RELEASE', 'SP2_RELEASE', 'LANDED'] });
    const fields = formatTelemetryLine({ ...SAMPLE_TELEMETRY, state: 'APOGEE' }, profile).trim().split(',');
    expect(fields[3]).toBe('');
    expect(fields[5]).toBe('');
    expect(fields[7]).toBe('ROCKET_SEPARATION');
    expect(formatTelemetryLine({ ...SAMPLE_TELEMETRY, state: 'LAUNCH_PAD' }, profile).split(',')[7]).toBe('LAUNCH_WAIT');
  });

  it('names what a layout lacks that every packet needs', () => {
    expect(() => layoutProfile({ id: 'bad', description: '', columns: ['MISSION_TIME', 'PACKET_COUNT', 'ALTITUDE', 'STATE', 'MODE'] })).toThrow(/layout bad: no column carries teamId/);
  });
});
