import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../web-dashboard/test/chromium.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test-results');

/** `npm start` with `args`, in its own process group (Ctrl-C reaches all it started); its output so far. */
function npmStart(args: string[]) {
  const start = spawn('npm', ['start', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const run = { start, output: '', closed: new Promise((resolve) => start.once('close', resolve)) };
  start.stdout.on('data', (chunk: Buffer) => (run.output += chunk));
  start.stderr.on('data', (chunk: Buffer) => (run.output += chunk));
  return run;
}

/** Resolves with the first match of `pattern` in what npm start printed, once `also` has been printed too. */
function printed(run: ReturnType<typeof npmStart>, pattern: RegExp, also: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = pattern.exec(run.output);
      if (match && run.output.includes(also)) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 100);
    run.start.once('exit', () => {
      clearInterval(timer);
      reject(new Error(`npm start ended:\n${run.output}`));
    });
  });
}

/**
 * Ctrl-C, as in a terminal: every process of the group. Resolves once its output is closed: npm may exit before the
 * kit's start script has stopped everything and said where the recordings are.
 */
async function stop(run: ReturnType<typeof npmStart>): Promise<void> {
  if (run.start.exitCode === null) process.kill(-run.start.pid!, 'SIGINT');
  await run.closed;
}

let browser: Browser | undefined;
afterAll(() => browser?.close());

describe('npm start', () => {
  // Ten times real time; the pad wait leaves the programs time to start before lift-off (6 s of real time).
  it('flies a whole mission into the dashboard server, and Ctrl-C stops everything and keeps the recording', async () => {
    const before = existsSync(join(ROOT, 'recordings')) ? readdirSync(join(ROOT, 'recordings')) : [];
    const run = npmStart(['--time-scale', '10', '--http-port', '0', '--pad-wait', '60']);
    try {
      const url = await printed(run, /dashboard: +(http\S+)/, 'operator token:');
      expect(run.output).toMatch(/operator token: +[0-9a-f]{16}/);
      // Watch as a viewer would, until the CanSat has landed.
      const states = new Set<string>();
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
      socket.on('message', (data, isBinary) => {
        if (isBinary) return; // the numbers of the flight so far
        const message = JSON.parse(String(data)) as { type: string; data?: { state: string }; telemetry?: { text: Record<string, [string, number][]> } };
        // A late viewer's hello carries the flight so far; its states come as runs.
        if (message.type === 'hello') for (const [state] of message.telemetry?.text['state'] ?? []) states.add(state);
        if (message.type === 'telemetry' && message.data) states.add(message.data.state);
      });
      const landed = Date.now();
      while (!states.has('LANDED') && Date.now() - landed < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
      socket.close();
      expect([...states]).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    } finally {
      await stop(run);
    }
    // A new session folder (other runs may record beside it meanwhile: it is the one npm start names).
    const session = /the recording stays in (\S+)\./.exec(run.output)?.[1] ?? '';
    expect(dirname(session)).toBe(join(ROOT, 'recordings'));
    expect(before).not.toContain(basename(session));
    const csv = readFileSync(join(session, 'Flight_1234.csv'), 'utf8').trim().split('\r\n');
    expect(csv.length).toBeGreaterThan(10);
    // Stopped, it says where the flight is and how much of it.
    expect(run.output).toContain(`the recording is in ${session}: ${csv.length - 1} telemetry frames in Flight_1234.csv`);
  }, 120_000);

  it('--stations 3: three stations hear the flight through their own links, the hub merges them, and the merged flight loses less than the best station', async () => {
    const run = npmStart(['--stations', '3', '--time-scale', '10', '--http-port', '0', '--pad-wait', '80']);
    try {
      const hubUrl = await printed(run, /merged flight: +(http\S+)/, 'operator token:');
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(hubUrl);
      const text = (field: string) => page.locator(`[data-field="${field}"]`).first().innerText();
      // The whole flight, then a few frames after landing, as any viewer of the hub sees it.
      await expect.poll(() => text('state'), { timeout: 90_000, interval: 500 }).toBe('LANDED');
      await expect.poll(() => page.locator('#stations tr[data-station]').count(), { timeout: 10_000 }).toBe(3);
      type Figures = { station: string; heard: number; unique: number; lost: number; online: boolean };
      const api = async <T>(path: string) => (await (await fetch(`${hubUrl}api/${path}`)).json()) as T;
      const stations = await api<Figures[]>('flights/team1234/stations');
      const [flight] = await api<{ frames: number; lost: number }[]>('flights');
      expect(stations.map((s) => s.station)).toEqual(['judges', 'school', 'team']);
      expect(stations.every((s) => s.online && s.heard > 50 && s.lost > 0)).toBe(true);
      // Together they lost fewer than the best of them.
      console.log(`merged: ${flight!.frames} frames, ${flight!.lost} lost; ${stations.map((s) => `${s.station}: ${s.heard} heard, ${s.unique} only it, ${s.lost} lost`).join('; ')}`);
      const best = Math.min(...stations.map((s) => s.lost));
      expect(flight!.lost).toBeLessThan(best);
      expect(flight!.frames).toBeGreaterThan(Math.max(...stations.map((s) => s.heard)));
      // The panel shows the same: each station's row, and the merged loss.
      for (const s of stations) await expect.poll(() => page.locator(`#stations tr[data-station="${s.station}"]`).innerText()).toMatch(new RegExp(`● ${s.station}\\s+\\d+\\s+\\d+\\s+\\d+`));
      expect(Number(await text('merged-lost'))).toBeLessThan(best);
      expect(await page.locator('#console').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(768);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'npm-start-stations.png') });
    } finally {
      await stop(run);
    }
    expect(run.output).toMatch(/the merged flight of every station is in \S+network-/);
  }, 180_000);
});
