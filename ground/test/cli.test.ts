import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { folder } from './helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const cli = (...args: string[]) => run(process.execPath, [BIN, ...args]);

describe('cansat-ground', () => {
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
    await expect(cli('replay', '/etc/hostname', '--speed', '100')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--speed must be/) });
  });

  it('refuses to replay what is not a recording, and never overwrites a key', async () => {
    await expect(cli('replay', '/etc/hostname', '--http-port', '0')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/matches no AAS profile/) });
    const key = `${folder()}/team.key`;
    expect((await cli('keygen', '--out', key)).stdout).toMatch(/wrote a new command key/);
    await expect(cli('keygen', '--out', key)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/never overwritten/) });
  });

  it('lists serial ports, even without udevadm', async () => {
    const { stdout } = await cli('ports');
    expect(stdout.length).toBeGreaterThan(0);
  });
});
