import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RADIO_MODULES, freeSpaceLossDb, marginAtRangeDb } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;

describe('link budget', () => {
  it('is Friis free space with the crew\'s gains and losses, worked out by hand', () => {
    // 2440 MHz over 1 km: 20 log 1000 + 20 log 2440 - 27.55 = 100.2 dB.
    expect(freeSpaceLossDb(2440, 1000)).toBeCloseTo(100.2, 1);
    const xbee3 = RADIO_MODULES.find((r) => r.id === 'xbee3')!;
    // 8 dBm + 2.1 dBi - 0.5 dB - 100.2 dB against -103 dBm.
    expect(marginAtRangeDb({ radio: xbee3, groundAntennaDbi: 2.1, cableLossDb: 0.5 }, 1000)).toBeCloseTo(12.4, 1);
    // Each doubling of the range costs 6 dB.
    expect(marginAtRangeDb({ radio: xbee3, groundAntennaDbi: 2.1, cableLossDb: 0.5 }, 2000)).toBeCloseTo(12.4 - 6.02, 1);
    for (const radio of RADIO_MODULES) expect(radio.source.length, radio.id).toBeGreaterThan(10);
  });

  it('cansat-ground link-budget: the table, apogee and landing, as text and JSON; a wrong radio named', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'link-budget', '--radio', 'xbee-pro-900hp', '--rate', '10', '--antenna', '9', '--json']);
    const figures = JSON.parse(stdout) as { rateKbps: number; table: { rangeM: number; marginDb: number }[]; apogee: { marginDb: number } };
    expect(figures.rateKbps).toBe(10);
    // 24 dBm + 9 dBi - 0.5 dB - (60 + 59.23 - 27.55) dB against -110 dBm at 1 km.
    expect(figures.table.find((r) => r.rangeM === 1000)!.marginDb).toBeCloseTo(24 + 9 - 0.5 - (60 + 20 * Math.log10(915) - 27.55) + 110, 0);
    const text = (await run(process.execPath, [BIN, 'link-budget', '--radio', 'xbee-s1'])).stdout;
    expect(text).toMatch(/at apogee \(\d+(\.\d)? m up\): -?\d+\.\d dB/);
    await expect(run(process.execPath, [BIN, 'link-budget', '--radio', 'nrf24'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--radio must be one of xbee-s1, .*e32-433t20d, not "nrf24"/) });
  });
});
