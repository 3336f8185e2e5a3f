import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PtyRadioLink, Random, type XbeeSettings } from '@cansat/firmware-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN, folder } from './helpers.ts';

/** `cansat-ground radio check` against the simulated XBees' own AT commands, over real ttys. */
const run = promisify(execFile);
const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const GROUND = 0x0013a20040a1b2c3n;
const CANSAT = 0x0013a20041cf05ccn;
const RIGHT: { ground: Partial<XbeeSettings>; cansat: Partial<XbeeSettings> } = {
  ground: { panId: 0x1234, channel: 0x0c, serial: GROUND, destination: CANSAT, baudCode: 7, apiMode: 0, guardTimeMs: 100 },
  cansat: { panId: 0x1234, channel: 0x0c, serial: CANSAT, destination: GROUND, baudCode: 7, apiMode: 0, guardTimeMs: 100 },
};

const links: PtyRadioLink[] = [];
afterEach(async () => {
  for (const link of links.splice(0)) await link.close();
});

async function check(ground: Partial<XbeeSettings>, cansat: Partial<XbeeSettings>): Promise<{ code: number; stdout: string }> {
  const dir = folder('cansat-radio-check-');
  const link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: CLEAN, random: new Random(1), xbee: { ground: { ...RIGHT.ground, ...ground }, cansat: { ...RIGHT.cansat, ...cansat } } });
  links.push(link);
  const config = join(dir, 'flight.json');
  writeFileSync(config, JSON.stringify({ teamId: 1234, radio: { baudRate: 115_200, mode: 'transparent' } }));
  const args = [BIN, 'radio', 'check', '--port', link.path('ground'), '--peer-port', link.path('cansat'), '--baud', '115200', '--config', config, '--guard-time', '150'];
  return run(process.execPath, args).then(({ stdout }) => ({ code: 0, stdout }), (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
}

describe('cansat-ground radio check', { timeout: 30_000 }, () => {
  it('passes a right pair, read in command mode', async () => {
    const { code, stdout } = await check({}, {});
    expect(stdout).toMatch(/ground radio \(command mode\): CH C, ID 1234, MY 0, DH 13A200, DL 41CF05CC, SH 13A200, SL 40A1B2C3, AP 0, BD 7/);
    expect(stdout).toContain('radio check: the pair is right');
    expect(code).toBe(0);
  });

  it.each([
    ['a wrong PAN ID', {}, { panId: 0x3332 }, [/cansat radio: PAN ID is 3332, not the team number 1234: set ATID 1234/, /PAN IDs differ: ground 1234, CanSat 3332/]],
    ['another channel', {}, { channel: 0x0d }, [/both radios: channels differ: ground C, CanSat D/]],
    ['a broadcast destination', { destination: 0xffffn }, {}, [/ground radio: sends to every radio on the field \(DH 0, DL FFFF: broadcast\)/]],
    ['a destination that is not the other radio', {}, { destination: 0x0013a20040a1b2c4n }, [/cansat radio: sends to 0013A20040A1B2C4, not to the ground radio 0013A20040A1B2C3: set ATDH 0013A200 and ATDL 40A1B2C3/]],
    ['a wrong baud', { baudCode: 3 }, {}, [/ground radio: baud is 9600, the ground station uses 115200: set ATBD 7/]],
    ['the wrong API mode (read through API frames)', {}, { apiMode: 1 }, [/CanSat radio \(API frames\)/, /cansat radio: API mode is AP=1 \(api\), the flight program is set to transparent: set ATAP 0/]],
  ] as const)('names %s, exit 1', async (_name, ground, cansat, said) => {
    const { code, stdout } = await check(ground, cansat);
    for (const line of said) expect(stdout).toMatch(line);
    expect(stdout).toMatch(/radio check: \d+ things? to fix/);
    expect(code).toBe(1);
  });

  it('says which radio did not answer, exit 3; wrong usage exit 2', async () => {
    const dir = folder('cansat-radio-check-');
    const link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: CLEAN, random: new Random(1) });
    links.push(link);
    // A bare pipe, no module behind it: nothing answers.
    await expect(run(process.execPath, [BIN, 'radio', 'check', '--port', link.path('ground'), '--guard-time', '100'])).rejects.toMatchObject({ code: 3, stderr: expect.stringMatching(/the ground radio on .* did not answer at 9600 baud, in command mode or API mode/) });
    await expect(run(process.execPath, [BIN, 'radio', 'check'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --port/) });
  });
});
