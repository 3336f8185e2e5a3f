import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Telemetry } from '../messages/index.ts';
import { arbitraryMessage } from '../testing/arbitrary-message.ts';
import { SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';
import { AAS_2024, AAS_2025, AAS_2026, AAS_PROFILES, checkProfile } from './profiles.ts';
import { formatTelemetryLine, parseTelemetryLine, telemetryHeaderLine } from './telemetry-line.ts';

const sample: Telemetry = { ...SAMPLE_TELEMETRY, packetCount: 70_123 };
const LINE_2025 =
  '1234,01:00:00,70123,F,ASCENT,123.4,21.5,91.2,7.4,1.5,-2.0,360.0,0.10,0.20,9.81,0.200,-0.100,0.450,360,13:53:20,933.2,37.1235,-80.4000,9,CXON\r';

describe('AAS telemetry lines', () => {
  it('formats the 2025 line field by field, ending in CR', () => {
    expect(formatTelemetryLine(sample, AAS_2025)).toBe(LINE_2025);
    expect(telemetryHeaderLine(AAS_2025).split(',')).toHaveLength(25);
  });

  it('reads the 2025 line back, at the resolution the line carries', () => {
    const result = parseTelemetryLine(LINE_2025, AAS_2025);
    expect(result).toEqual({
      ok: true,
      value: { telemetry: { ...sample, pressure: 91.2, voltage: 7.4, latitude: 37.1235, current: null, health: 0 }, extra: [] },
    });
  });

  it('formats 2024 with its state names, deployment flags and tilt, and 2026 without the auto-gyro column', () => {
    const line2024 = formatTelemetryLine({ ...sample, state: 'PROBE_RELEASE', accelR: 0, accelP: 0, accelY: 9.81 }, AAS_2024).split(',');
    expect(line2024.slice(4, 9)).toEqual(['HS_RELEASE', '123.4', '', 'P', 'C']);
    expect(line2024.slice(17, 20)).toEqual(['0.00', '0.00', '360.0']);
    expect(formatTelemetryLine({ ...sample, state: 'LAUNCH_PAD' }, AAS_2024).split(',').slice(4, 9)).toEqual(['LAUNCH_WAIT', '123.4', '', 'N', 'N']);
    // The 2026 guide's field list (revision c): MAG_R/P/Y, no CURRENT and no AUTO_GYRO_ROTATION_RATE.
    expect(telemetryHeaderLine(AAS_2026).trim()).toBe(
      'TEAM_ID,MISSION_TIME,PACKET_COUNT,MODE,STATE,ALTITUDE,TEMPERATURE,PRESSURE,VOLTAGE,GYRO_R,GYRO_P,GYRO_Y,ACCEL_R,ACCEL_P,ACCEL_Y,MAG_R,MAG_P,MAG_Y,GPS_TIME,GPS_ALTITUDE,GPS_LATITUDE,GPS_LONGITUDE,GPS_SATS,CMD_ECHO',
    );
    expect(formatTelemetryLine({ ...sample, state: 'PAYLOAD_RELEASE' }, AAS_2026)).toContain(',PAYLOAD_RELEASE,');
    expect(formatTelemetryLine({ ...sample, state: 'PAYLOAD_RELEASE' }, AAS_2025)).toContain(',PROBE_RELEASE,');
  });

  it.each(Object.values(AAS_PROFILES))('round-trips any telemetry through the $year profile', (profile) => {
    fc.assert(
      fc.property(arbitraryMessage('telemetry'), (message) => {
        const t = message as Telemetry;
        const line = formatTelemetryLine(t, profile);
        const parsed = parseTelemetryLine(line, profile);
        if (!parsed.ok) throw new Error(`${parsed.reason}: ${parsed.detail} in ${line}`);
        // Every column but the tilt, which is derived from accelerations that 2024 lines do not carry.
        const readable = (l: string) => l.split(',').filter((_, i) => profile.columns[i]?.kind !== 'tilt');
        expect(readable(formatTelemetryLine(parsed.value.telemetry, profile))).toEqual(readable(line));
        expect(parsed.value.telemetry).toMatchObject({ teamId: t.teamId, packetCount: t.packetCount, mode: t.mode });
      }),
      { numRuns: 300 },
    );
  });

  it('writes an absent reading as an empty field and reads it back as absent', () => {
    const line = formatTelemetryLine({ ...sample, altitude: null, gpsTime: null, latitude: null, cmdEcho: null }, AAS_2025);
    const fields = line.trimEnd().split(',');
    expect([fields[5], fields[19], fields[21], fields[24]]).toEqual(['', '', '', '']);
    const parsed = parseTelemetryLine(line, AAS_2025);
    expect(parsed.ok && parsed.value.telemetry).toMatchObject({ altitude: null, gpsTime: null, latitude: null, cmdEcho: null });
  });

  it('tolerates CR, LF, CRLF and stray spaces', () => {
    const bare = LINE_2025.trimEnd();
    for (const line of [bare, `${bare}\n`, `${bare}\r\n`, bare.split(',').join(' , ') + ' ']) {
      expect(parseTelemetryLine(line, AAS_2025).ok).toBe(true);
    }
  });

  it('keeps optional data after ",,"', () => {
    const line = formatTelemetryLine(sample, AAS_2025, ['CAM1', '42']);
    expect(line.endsWith(',CXON,,CAM1,42\r')).toBe(true);
    const parsed = parseTelemetryLine(line, AAS_2025);
    expect(parsed.ok && parsed.value.extra).toEqual(['CAM1', '42']);
  });

  it('rejects a wrong team, a wrong field count, bad values and values out of range, with the reason', () => {
    const fields = LINE_2025.trimEnd().split(',');
    const withField = (i: number, v: string) => fields.map((f, j) => (j === i ? v : f)).join(',');
    expect(parseTelemetryLine(LINE_2025, AAS_2025, { teamId: 1000 })).toMatchObject({ ok: false, reason: 'wrong-team' });
    expect(parseTelemetryLine(fields.slice(0, -1).join(','), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-field-count' });
    expect(parseTelemetryLine(`${fields.join(',')},extra`, AAS_2025)).toMatchObject({ ok: false, reason: 'bad-field-count' });
    expect(parseTelemetryLine(withField(5, 'high'), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-value', detail: expect.stringContaining('ALTITUDE') });
    expect(parseTelemetryLine(withField(4, 'ORBIT'), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseTelemetryLine(withField(1, '25:00:00'), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseTelemetryLine(withField(21, '91.5'), AAS_2025)).toMatchObject({ ok: false, reason: 'out-of-range', detail: expect.stringContaining('GPS_LATITUDE') });
    expect(parseTelemetryLine(withField(0, ''), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseTelemetryLine('x'.repeat(2000), AAS_2025)).toMatchObject({ ok: false, reason: 'bad-length' });
  });

  it('reads echoes that carry their argument, as other ground stations write them', () => {
    const fields = LINE_2025.trimEnd().split(',');
    for (const [echo, expected] of [['SIMP101325', 'SIMP'], ['ST13:02:11', 'ST'], ['cxoff', 'CXOFF'], ['WHATEVER', null]] as const) {
      const parsed = parseTelemetryLine([...fields.slice(0, -1), echo].join(','), AAS_2025);
      expect(parsed.ok && parsed.value.telemetry.cmdEcho).toBe(expected);
    }
  });
});

describe('AAS profiles as data', () => {
  it('accepts the built-in profiles and a team-adjusted copy from JSON', () => {
    for (const profile of Object.values(AAS_PROFILES)) expect(checkProfile(profile)).toBe(profile);
    const adjusted = JSON.parse(JSON.stringify(AAS_2025));
    adjusted.columns.splice(18, 1);
    adjusted.columns.push({ name: 'CURRENT', kind: 'number', field: 'current', decimals: 2 });
    const profile = checkProfile(adjusted);
    const parsed = parseTelemetryLine(formatTelemetryLine(sample, profile), profile);
    expect(parsed.ok && parsed.value.telemetry.current).toBe(0.25);
  });

  it('names what is wrong in a bad profile', () => {
    const base = JSON.parse(JSON.stringify(AAS_2025));
    expect(() => checkProfile({ ...base, columns: [...base.columns, { name: 'X', kind: 'number', field: 'nope', decimals: 1 }] })).toThrow(/columns\/25/);
    expect(() => checkProfile({ ...base, columns: [...base.columns, base.columns[0]] })).toThrow(/"TEAM_ID" appears twice/);
    expect(() => checkProfile({ ...base, columns: base.columns.slice(1) })).toThrow(/no column carries teamId/);
    const noLanded = JSON.parse(JSON.stringify(AAS_2025));
    delete noLanded.columns[4].labels.LANDED;
    expect(() => checkProfile(noLanded)).toThrow(/"STATE" has no label for LANDED/);
  });
});
