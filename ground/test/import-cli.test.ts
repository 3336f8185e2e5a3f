import { execFile, spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadRecording } from '../src/replay/recording.ts';
import { folder, until } from './helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const cli = (...args: string[]) => run(process.execPath, [BIN, ...args]);
const REAL = new URL('../../test/fixtures/realdata/telemetry/', import.meta.url).pathname;

describe('cansat-ground import', { timeout: 30_000 }, () => {
  it('writes a kit recording beside the untouched original, says what it did, and replay reads it', async () => {
    const out = folder();
    const file = join(REAL, '2026-Vortex-Vortex_1093.csv');
    const { stdout } = await cli('import', file, '--out', out);
    expect(stdout).toMatch(/layout: aas-2026-teams \(no header: by field count and values/);
    expect(stdout).toMatch(/team 1093 · pressure in Pa · replay time: packet order/);
    expect(stdout).toMatch(/rows: 1405 read, 1405 imported/);
    const [made] = readdirSync(out);
    expect(made).toBe('2026-Vortex-Vortex_1093_team1093');
    const recording = join(out, made!);
    expect(readFileSync(join(recording, 'original', '2026-Vortex-Vortex_1093.csv'))).toEqual(readFileSync(file));
    const manifest = JSON.parse(readFileSync(join(recording, 'import.json'), 'utf8')) as { kitProfile: string; summary: Record<string, unknown> };
    expect(manifest.kitProfile).toBe('aas-2026');
    expect(Object.keys(manifest.summary)).toEqual(expect.arrayContaining(['rowsRead', 'rowsImported', 'rowsDropped', 'fieldsRepaired', 'examples', 'profile', 'teamId', 'pressureUnit', 'timeBase']));
    // The clock of this file never moved (0:0:0 on every row): the replay plays a row a second, not all at once.
    const replay = loadRecording(join(recording, 'Flight_1093.csv'));
    expect(replay.chunks).toHaveLength(1405);
    expect(replay.duration).toBe(1404_000);
    // The CURRENT column the 2026 guide does not have is kept, after the row's ",,".
    const second = readFileSync(join(recording, 'Flight_1093.csv'), 'latin1').split('\r\n')[1]!;
    expect(second).toMatch(/^1093,00:00:00,0,F,LAUNCH_PAD,1\.3,23\.9,99\.1,11\.7,.*,CXON,,0\.26$/);
  });

  it("says what the file's flight was, from its pressure: the 2025 launch its team's software never saw", async () => {
    const out = folder();
    const { stdout } = await cli('import', join(REAL, '2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv'), '--out', out);
    // The pressure's truth (91.8 kPa on the pad, 84.7 kPa at the top): off the pad by 00:23:18, 660-674 m at 00:23:29.
    expect(stdout).toMatch(/flight \(from pressure\): liftoff 00:23:1[78], apogee 66\d\.\d m above the pad at 00:23:(29|30), landing 00:24:\d\d/);
    expect(stdout).toMatch(/found: stuck-state: the state stayed LAUNCH_PAD while the pressure shows a flight to 66\d m/);
    const manifest = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'import.json'), 'utf8')) as { flight: { heightSource: string; apogee: { height: number } } };
    expect(manifest.flight.heightSource).toBe('pressure');
    expect(manifest.flight.apogee.height).toBeGreaterThan(655);
  });

  it("imports a team's XBee API capture (hex dump of frames): each transmit request's telemetry a row, the AT frames listed", async () => {
    const file = new URL('../../test/fixtures/realdata/raw/2022-soton-xbee-api-frames.txt', import.meta.url).pathname;
    // The file's own count, read here without the kit: frames whose checksum holds, by type, and the telemetry
    // reports (TR) the transmit requests carry.
    const frames = readFileSync(file, 'latin1').split('\n').filter((l) => l.trim() !== '').map((l) => Buffer.from(l.trim().split(/\s+/).map((b) => Number.parseInt(b, 16))));
    const good = frames.filter((f) => f.length === ((f[1]! << 8) | f[2]!) + 4 && (0xff - (f.subarray(3, -1).reduce((a, b) => a + b, 0) & 0xff)) === f.at(-1));
    expect(good.length).toBe(frames.length);
    const at = good.filter((f) => f[3] === 0x09).map((f) => f.subarray(5, 7).toString('latin1'));
    const reports = good.filter((f) => f[3] === 0x10 && f.subarray(17, -1).toString('latin1').split(',')[4] === 'TR').length;
    const out = folder();
    const { stdout } = await cli('import', file, '--out', out);
    expect(stdout).toMatch(/XBee API capture \(hex dump, API mode 1\): 8 atQueue, 362 transmitRequest/);
    expect(stdout).toContain(`AT commands: ${at.join(' ')}`);
    expect(stdout).toMatch(new RegExp(`rows: 362 read, ${reports} imported`));
    expect(reports).toBe(75);
    const imported = readFileSync(join(out, readdirSync(out)[0]!, 'Flight_1032.csv'), 'latin1').trim().split('\r\n');
    expect(imported.length).toBe(reports + 1);
  });

  it('imports a log with no TEAM_ID column as the team --team names, and without it says to give it', async () => {
    const out = folder();
    const file = join(out, 'sd-card.csv');
    const rows = Array.from({ length: 41 }, (_, i) => `00:23:${String(i).padStart(2, '0')},${i},F,LAUNCH_PAD,0.0,25.1,91.8,7.9`);
    writeFileSync(file, ['MISSION_TIME,PACKET_COUNT,MODE,STATE,ALTITUDE,TEMPERATURE,PRESSURE,VOLTAGE', ...rows].join('\n'));
    const { stdout } = await cli('import', file, '--team', '99', '--out', out);
    expect(stdout).toMatch(/team 99 /);
    expect(stdout).toMatch(/rows: 41 read, 41 imported/);
    expect(readdirSync(out)).toContain('sd-card_team99');
    const failed = await cli('import', file, '--out', join(out, 'again')).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/no TEAM_ID column, give the team with --team N/);
  });

  it('answers --json for scripts, and exits 1 with the reasons when a file holds nothing to import, leaving nothing behind', async () => {
    const out = folder();
    const { stdout } = await cli('import', join(REAL, '2022-soton-Flight_1032_C_FIN.csv'), '--out', out, '--json');
    const [summary] = JSON.parse(stdout) as { rowsImported: number; stateAliases: Record<string, string>; profile: { id: string } }[];
    expect(summary).toMatchObject({ rowsImported: 270, profile: { id: 'aas-2022-container' }, stateAliases: { LAUNCH_WAIT: 'LAUNCH_PAD' } });
    const empty = join(folder(), 'empty.csv');
    writeFileSync(empty, '');
    const binary = join(folder(), 'photo.jpg');
    writeFileSync(binary, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)));
    const nothing = folder();
    await expect(cli('import', empty, '--out', nothing)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/empty\.csv: nothing could be imported \(no rows at all\)/) });
    await expect(cli('import', binary, '--out', nothing)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/photo\.jpg: nothing could be imported \(.*\d/) });
    expect(readdirSync(nothing)).toEqual([]);
    await expect(cli('import', empty, '--profile', 'aas-1999')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--profile aas-1999: no such profile; the kit knows aas-2021-container/) });
    await expect(cli('import', empty, '--profile', '/nonexistent.json')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--profile \/nonexistent\.json: there is no such file/) });
    await expect(cli('import', '/nonexistent.csv')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/\/nonexistent\.csv: no such file/) });
  });

  it("takes a team's own layout as a JSON profile", async () => {
    const profile = join(folder(), 'ours.json');
    writeFileSync(profile, JSON.stringify({ id: 'team-2992', description: 'ours', columns: ['TEAM_ID', 'MISSION_TIME', 'PACKET_COUNT', 'PACKET_TYPE', 'MODE', 'SP1', 'SP2', 'ALTITUDE', 'TEMP', 'VOLTAGE', 'GPS_TIME', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_ALTITUDE', 'GPS_SATS', 'SOFTWARE_STATE', 'P1', 'P2', 'CMD_ECHO'] }));
    const { stdout } = await cli('import', join(REAL, '2021-TAMU-Flight_2992_C_at_366d43d.csv'), '--profile', profile, '--out', folder());
    expect(stdout).toMatch(/layout: team-2992 \(given with --profile\)/);
    expect(stdout).toMatch(/rows: 89 read, 89 imported/);
    expect(stdout).toMatch(/kept as extra data: SP1, SP2, P1, P2\n/);
  });

  it("replays another team's file through the importer", async () => {
    const child = spawn(process.execPath, [BIN, 'replay', join(REAL, '2026-Vortex-Vortex_1093_Vacuum.csv'), '--http-port', '0', '--speed', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    try {
      await until(() => /dashboard: http/.test(output), 15_000, `the replay to serve:\n${output}`);
      expect(output).toMatch(/rows: 124 read, 124 imported/);
      expect(output).toMatch(/replaying .*Vortex_1093_Vacuum\.csv \(123 s\)/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
