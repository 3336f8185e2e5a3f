import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/cansat-flight.js', import.meta.url).pathname;
const SERVE = new URL('../../firmware-sim/bin/cansat-sim-serve.js', import.meta.url).pathname;

// Each spawn starts a bundle in a fraction of a second; a loaded machine needs more than vitest's default 5 s.
describe('cansat-flight says what to do when it cannot start', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cansat-flight-cli-'));
  const config = (extra: object) => {
    const path = join(dir, `flight-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ teamId: 1234, stateDir: join(dir, 'state'), ...extra }));
    return path;
  };

  it('names keyFile (or --key) and how to make a key, exit 2', async () => {
    const path = config({ keyFile: join(dir, 'nokey.key') });
    await expect(run(process.execPath, [BIN, '-c', path, '--sim', join(dir, 'none.sock')])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/keyFile in .*: cannot read the command key .*nokey\.key: there is no such file; make one with cansat-ground keygen/),
    });
    await expect(run(process.execPath, [BIN, '-c', path, '--key', join(dir, 'other.key')])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^cansat-flight: --key: cannot read/) });
  });

  it('without its simulator: one line, exit 1, no stack trace', async () => {
    writeFileSync(join(dir, 'team.key'), `${'ab'.repeat(32)}\n`);
    const path = config({ keyFile: join(dir, 'team.key') });
    const failed = run(process.execPath, [BIN, '-c', path, '--sim', join(dir, 'none.sock')]);
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^cansat-flight: the board did not answer: simulator socket .*none\.sock.*; start the simulator first/) });
    await expect(failed).rejects.toMatchObject({ stderr: expect.not.stringMatching(/\n\s+at /) });
  });

  it('the simulator with an unknown scenario: one line, exit 1', async () => {
    const failed = run(process.execPath, [SERVE, '--scenario', 'mars']);
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^sim:serve: no scenario "mars"; bundled: .*nominal/) });
    await expect(failed).rejects.toMatchObject({ stderr: expect.not.stringMatching(/\n\s+at /) });
  });
});
