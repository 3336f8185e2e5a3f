import { execFile, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { folder, until } from './helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const cli = (...args: string[]) => run(process.execPath, [BIN, ...args]);

// Each spawn starts the bundle in about 0.15 s (bench: ground.cliStartMs); a test of five spawns on a machine
// loaded twice over needs several seconds, more than vitest's default 5.
describe('cansat-ground', { timeout: 30_000 }, () => {
  it('has help for each command', async () => {
    expect((await cli('--help')).stdout).toMatch(/commands\n  live/);
    expect((await cli('live', '--help')).stdout).toMatch(/--port PATH/);
    expect((await cli('replay', '--help')).stdout).toMatch(/--speed X/);
  });

  it('exits 2 with a clear message on bad options', async () => {
    await expect(cli('launch')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "launch"/) });
    await expect(cli('live', '--team', '1234')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --port/) });
    await expect(cli('live', '--port', '/dev/null', '--team', 'x')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--team must be a number/) });
    await expect(cli('live', '--port', '/dev/null', '--team', '1', '--format', 'aas-1999')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown wire format "aas-1999"/) });
    await expect(cli('live', '--port', '/dev/null', '--team', '1', '--format', '/nonexistent/layout.json')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--format \/nonexistent\/layout\.json: there is no such file/) });
    await expect(cli('replay', '/etc/hostname', '--speed', '100')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--speed must be/) });
    // Map options name the flag and what was expected.
    const empty = folder();
    await expect(cli('replay', '/etc/hostname', '--tiles', empty)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--tiles .*: no map tiles in it; expected .*<zoom>\/<x>\/<y>\.png/) });
    await expect(cli('replay', '/etc/hostname', '--station-position', '37.1,north')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--station-position must be LAT,LON/) });
    await expect(cli('replay', '/etc/hostname', '--station-position', '137.1,-80')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/latitude within ±90/) });
  });

  it('refuses to replay what is not a recording, and never overwrites a key', async () => {
    await expect(cli('replay', '/etc/hostname', '--http-port', '0')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/nothing could be replayed/) });
    const key = `${folder()}/team.key`;
    expect((await cli('keygen', '--out', key)).stdout).toMatch(/wrote a new command key/);
    await expect(cli('keygen', '--out', key)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/never overwritten/) });
  });

  it('lists serial ports, even without udevadm', async () => {
    const { stdout } = await cli('ports');
    expect(stdout.length).toBeGreaterThan(0);
  });

  it('refuses a --sim-file that is not a SIMP file, or holds implausible pressures, and leaves nothing behind', async () => {
    const simp = (name: string) => new URL(`../../test/fixtures/realdata/simp/${name}`, import.meta.url).pathname;
    const record = folder();
    const live = (...args: string[]) => cli('live', '--port', '/dev/null', '--team', '1234', '--http-port', '0', '--record', record, ...args);
    // A Time,Pressure CSV: the file named, the form expected, what its first line says.
    const csv = simp('2024-team-astro-SampleCSVFile.csv');
    await expect(live('--sim-file', csv)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${csv} is not a simulated-pressure file: no line in it reads CMD,$,SIMP,<pascals>`),
    });
    await expect(live('--sim-file', csv)).rejects.toMatchObject({ stderr: expect.stringContaining('line 1 reads "Time,Pressure"') });
    // Pressures of 1-10 Pa: each named by file and line, and --force offered.
    const tiny = simp('2026-Vortex-sim_test.txt');
    const refused = live('--sim-file', tiny);
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('35 of 35 pressures are not plausible air pressures (30-110 kPa)') });
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringContaining(`${tiny}:1: 10 Pa`) });
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/and 30 more\ngive --force to fly the file anyway/) });
    await expect(live('--sim-file', `${record}/none.txt`)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read the simulated-pressure file .*none\.txt: ENOENT/) });
    expect(readdirSync(record)).toEqual([]);
  }, 30_000);

  it('starts with a judges\' file and says what it holds; --force flies an implausible one', async () => {
    const simp = (name: string) => new URL(`../../test/fixtures/realdata/simp/${name}`, import.meta.url).pathname;
    for (const [file, says] of [
      [simp('2021-TAMU-simp_example.csv'), /2021-TAMU-simp_example\.csv: 138 SIMP lines \(138 s at one a second\), peak 715 m after 21 s/],
      [simp('2026-Vortex-sim_test.txt'), /2026-Vortex-sim_test\.txt: 35 SIMP lines/],
    ] as const) {
      const child = spawn(process.execPath, [BIN, 'live', '--port', '/dev/null', '--team', '1234', '--http-port', '0', '--record', folder(), '--sim-file', file, '--force'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await until(() => /dashboard: http/.test(out), 20_000, 'the station to start');
      expect(out).toMatch(says);
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);

  it('says what to do when a start-up fails, and leaves nothing behind', async () => {
    const record = folder();
    const live = (...args: string[]) => cli('live', '--port', '/dev/null', '--team', '1234', '--record', record, ...args);
    // The dashboard's port held by another program: which port, and the option that moves it.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    await expect(live('--http-port', String(port))).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--http-port N`)) });
    holder.close();
    // A key file that is not there: the option, the file, and how to make one.
    await expect(live('--http-port', '0', '--key', `${record}/nokey.key`)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--key: cannot read the command key .*nokey\.key: there is no such file; make one with cansat-ground keygen/),
    });
    // A limits file that is not JSON: the flag and the file.
    writeFileSync(`${record}/limits.json`, '{ voltage: 7 }');
    await expect(live('--http-port', '0', '--limits', `${record}/limits.json`)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--limits .*limits\.json: not valid JSON/) });
    expect(readdirSync(record).filter((name) => name.includes('team1234'))).toEqual([]);
  });

  it('removes the session of a station that never heard anything when it stops', async () => {
    const record = folder();
    const child = spawn(process.execPath, [BIN, 'live', '--port', `${record}/no-radio`, '--team', '1234', '--http-port', '0', '--record', record], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until(() => /no serial port at/.test(out), 20_000, 'the station to look for its radio');
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(out).toMatch(/nothing was received: the empty session .* was removed/);
    expect(readdirSync(record).filter((name) => name.includes('team1234'))).toEqual([]);
  });
});
