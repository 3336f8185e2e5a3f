import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@cansat/protocol';
import { folder, radioPair, telemetry, until } from './helpers.ts';
import { freePort, startBroker } from './mosquitto.ts';

const GROUND = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const HUB = new URL('../bin/cansat-hub.js', import.meta.url).pathname;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A program of the kit as a crew runs it; resolves once it printed `ready`. */
async function run(bin: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  await until(() => ready.test(output) || child.exitCode !== null, 20_000, `${bin} to be ready`);
  if (child.exitCode !== null) throw new Error(`${bin} exited (${child.exitCode}):\n${output}`);
  return { child, output: () => output };
}

interface StationFigure {
  station: string;
  heard: number;
  online: boolean | null;
}

describe('two ground stations and the hub as processes, through mosquitto', { timeout: 120_000 }, () => {
  it('merges both; a station SIGKILLed shows offline within 1.5 × its keep-alive; the hub restarted loses nothing', async () => {
    const port = await freePort();
    const broker = await startBroker(port);
    cleanups.push(() => void broker.kill());
    const url = `mqtt://127.0.0.1:${port}`;
    const archive = folder('cansat-hub-archive-');
    const hubPort = await freePort();
    const hubArgs = ['--network', url, '--archive', archive, '--http-port', String(hubPort), '--team', '1234'];
    let hub = await run(HUB, hubArgs, /archive API: /);
    const stations = await Promise.all(
      ['north', 'south'].map(async (id) => {
        const radio = await radioPair();
        cleanups.push(() => radio.link.close(), () => new Promise((r) => radio.cansat.close(r)));
        const ground = await run(GROUND, ['live', '--port', radio.link.path('ground'), '--baud', '115200', '--team', '1234', '--record', folder(), '--http-port', '0', '--kind', 'simulator', '--network', url, '--station', id], /network: connected to/);
        return { id, radio, ground };
      }),
    );
    const api = async <T>(path: string): Promise<T> => (await (await fetch(`http://127.0.0.1:${hubPort}/api/${path}`)).json()) as T;
    const merged = async () => ((await api<{ frames: number }[]>('flights').catch(() => []))[0]?.frames ?? 0);
    const waitFor = async (what: string, condition: () => Promise<boolean>, ms = 30_000) => {
      const started = Date.now();
      while (!(await condition())) {
        if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // Each hears a different part of the flight: together, all of it.
    for (let n = 1; n <= 30; n++) {
      for (const [k, s] of stations.entries()) if ((n + k) % 3 !== 0) s.radio.cansat.write(encodeFrame(telemetry(n)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor('30 merged frames', async () => (await merged()) === 30);

    // A laptop crash: the broker says it is gone (its last will) within 1.5 × the 10 s keep-alive.
    const killedAt = Date.now();
    stations[1]!.ground.child.kill('SIGKILL');
    await waitFor('south to show offline', async () => (await api<StationFigure[]>('flights/team1234/stations')).find((s) => s.station === 'south')?.online === false, 20_000);
    expect(Date.now() - killedAt).toBeLessThan(15_000 + 1000);
    expect((await api<StationFigure[]>('flights/team1234/stations')).find((s) => s.station === 'north')?.online).toBe(true);

    // The hub killed: north goes on hearing; restarted with the same arguments, the flight is whole.
    hub.child.kill('SIGKILL');
    for (let n = 31; n <= 50; n++) {
      stations[0]!.radio.cansat.write(encodeFrame(telemetry(n)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    hub = await run(HUB, hubArgs, /archive API: /);
    await waitFor('50 merged frames after the hub restart', async () => (await merged()) === 50);
    const rows = async () => (await (await fetch(`http://127.0.0.1:${hubPort}/api/flights/team1234/Flight_1234.csv`)).text()).trim().split('\r\n').slice(1);
    await waitFor('the 50 rows of the merged CSV', async () => (await rows()).length === 50);
    const counts = (await rows()).map((row) => Number(row.split(',')[2]));
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(hub.output()).toMatch(/resumed flight of team 1234/);
  });
});
