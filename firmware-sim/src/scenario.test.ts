import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario, resolveScenario } from './scenario.ts';
import { flySummary } from './summary.ts';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, [new URL('../bin/cansat-sim.js', import.meta.url).pathname, ...args]);

describe('scenarios', () => {
  it('bundles the seven scenarios, each valid', async () => {
    const names = await listScenarios();
    expect(names).toEqual(['baro-glitches', 'high-wind', 'nominal', 'parachute-failure', 'processor-reset', 'radio-blackout', 'sensor-dropout']);
    for (const name of names) {
      const scenario = await loadScenario(name);
      expect(scenario.name).toBe(name);
      expect(scenario.description.length).toBeGreaterThan(20);
    }
  });

  it('fills defaults and names the first bad property', () => {
    expect(resolveScenario({}).launchSite.elevation).toBe(810);
    expect(() => resolveScenario({ cansat: { descentRate: -1 } })).toThrow(/\/cansat\/descentRate/);
    expect(() => resolveScenario({ faults: [{ device: 'radar', kind: 'spike', at: 1 }] })).toThrow(/\/faults\/0\/device/);
    expect(() => resolveScenario({ utcStart: 'yesterday' })).toThrow(/utcStart/);
    expect(() => resolveScenario({ colour: 'red' })).toThrow(/colour/);
  });

  it('flies every bundled scenario to the ground', async () => {
    for (const name of await listScenarios()) {
      const summary = flySummary(await loadScenario(name), { kind: 'fraction', fraction: 0.75 });
      expect(summary.landingTime, name).not.toBeNull();
      expect(summary.events.at(-1)!.what, name).toBe('landed');
    }
    const windy = flySummary(await loadScenario('high-wind'), { kind: 'fraction', fraction: 0.75 });
    const calm = flySummary(await loadScenario('nominal'), { kind: 'fraction', fraction: 0.75 });
    expect(windy.driftDistance).toBeGreaterThan(2 * calm.driftDistance);
  });
});

// Each spawn starts the bundle in well under a second; five of them on a loaded machine need more than 5 s.
describe('npm run sim', { timeout: 30_000 }, () => {
  it('prints a summary of the scenario', async () => {
    const { stdout } = await cli('--scenario', 'nominal');
    expect(stdout).toMatch(/apogee +8\d\d\.\d m above ground/);
    expect(stdout).toMatch(/landed/);
  });

  it('prints JSON, help, and clear errors with exit codes', async () => {
    const { stdout } = await cli('--scenario', 'parachute-failure', '--release', 'none', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ scenario: 'parachute-failure', canopyDescentRate: null });
    expect((await cli('--help')).stdout).toMatch(/^usage: npm run sim/);
    await expect(cli('--scenario', 'mars')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/no scenario "mars"; bundled: .*nominal/) });
    await expect(cli('--release', '150')).rejects.toMatchObject({ code: 2 });
    await expect(cli('--wat')).rejects.toMatchObject({ code: 2 });
  });
});
