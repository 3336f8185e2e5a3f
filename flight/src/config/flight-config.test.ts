import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlightConfig, resolveFlightConfig } from './flight-config.ts';

describe('flight config', () => {
  it('fills every default from a team id alone', () => {
    const config = resolveFlightConfig({ teamId: 1234 });
    expect(config).toMatchObject({ wireFormat: 'binary', telemetryHz: 1, barometer: { chip: 'BMP280', address: 0x77 }, imu: { accelRange: 16 } });
    expect(config.mission.releases).toEqual([{ state: 'PROBE_RELEASE', rule: { kind: 'fraction', percent: 80 }, device: 'RELEASE' }]);
  });

  it('names the missing or wrong field', () => {
    expect(() => resolveFlightConfig({})).toThrow(/teamId/);
    expect(() => resolveFlightConfig({ teamId: 1, telemetryHz: 50 })).toThrow(/flight config: telemetryHz:/);
    expect(() => resolveFlightConfig({ teamId: 1, barometer: { chip: 'BMP999' } })).toThrow(/barometer\.chip/);
    expect(() => resolveFlightConfig({ teamId: 1, imu: { adress: 0x68 } })).toThrow(/imu\.adress/);
    expect(() => resolveFlightConfig({ teamId: 1, mission: { releases: [{ state: 'LANDED', rule: { kind: 'altitude', meters: 100 } }] } })).toThrow(/mission\.releases\.0\.state/);
    expect(() => resolveFlightConfig([])).toThrow(/JSON object/);
    // A config written for sample counts is told what the rule is now.
    expect(() => resolveFlightConfig({ teamId: 1, mission: { persistSamples: 3 } })).toThrow(/mission\.persistSamples: .*mission\.persist \(s\)/);
  });

  it('names the file when it is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cansat-config-'));
    await expect(loadFlightConfig(join(dir, 'none.json'))).rejects.toThrow(/cannot read the flight config .*none\.json: ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{ "teamId": 12, }');
    await expect(loadFlightConfig(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not valid JSON/);
    writeFileSync(join(dir, 'ok.json'), '{ "teamId": 12, "radio": { "path": "/dev/ttyAMA0" } }');
    expect((await loadFlightConfig(join(dir, 'ok.json'))).radio).toEqual({ path: '/dev/ttyAMA0', baudRate: 9600, mode: 'transparent', protocol: '802.15.4', destination: '000000000000ffff' });
  });
});
