import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundServer, type Hello } from '@cansat/ground';
import type { Browser, Page } from 'playwright-core';
import { encodeFrame } from '@cansat/protocol';
import { launchChromium } from '../web-dashboard/test/chromium.ts';
import { build } from 'vite';
import { telemetry, welcome } from '../ground/test/helpers.ts';
import { median, percentile, type BenchOptions, type Figure } from './figure.ts';
import { startGroundProcess } from './ground-process.ts';

const FIELDS = ['altitude', 'temperature', 'pressure', 'voltage', 'current', 'gyroR', 'gyroP', 'gyroY', 'accelR', 'accelP', 'accelY', 'gpsAltitude', 'latitude', 'longitude', 'gpsSats', 'missionTime'];

type Dashboard = { timings: { helloMs: number }; charts: { frames: number; drawn: { packetCount: number; at: number }[] } };

/** Opens the dashboard at `url` and waits until its first history is drawn. */
async function openDashboard(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (error) => console.error(`dashboard page error: ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`dashboard console: ${m.text()}`));
  await browser.startTracing(page, { path: `/tmp/trace-${Date.now()}.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'cc', 'blink', 'v8', 'toplevel', 'renderer.scheduler', 'disabled-by-default-renderer.scheduler', 'sequence_manager', 'disabled-by-default-sequence_manager', 'disabled-by-default-v8.gc', 'blink.net', 'netlog', 'mojom', 'ipc', 'scheduler'] });
  await page.goto(url);
  await page.waitForFunction(() => Number.isFinite((window as unknown as { __dashboard?: Dashboard }).__dashboard?.timings.helloMs), null, { timeout: 60_000 });
  await browser.stopTracing();
  return page;
}

/** Two hours of history: how long a viewer waits for it, and the frame rate while it streams on at 10 Hz. */
async function history(browser: Browser, dist: string, quick: boolean): Promise<Figure[]> {
  const rows = quick ? 2000 : 72_000;
  // Two hours of a flight: 16 fields vary, the others keep the test helper's values.
  const start = Date.now() - rows * 100;
  const flight = Array.from({ length: rows }, (_, i) => ({
    receivedAt: start + i * 100,
    data: telemetry(i + 1, Object.fromEntries(FIELDS.map((f, k) => [f, Math.sin(i / (500 + k * 37)) * (k + 1) * 10 + k]))),
  }));
  const server = await GroundServer.listen({ port: 0, hello: (role: Hello['role']) => welcome(role, flight), staticRoot: dist });
  try {
    const loads: number[] = [];
    let fps = 0;
    for (let run = 0; run < (quick ? 1 : 5); run++) {
      const page = await openDashboard(browser, `http://127.0.0.1:${server.port}/`);
      loads.push(await page.evaluate(() => (window as unknown as { __dashboard: Dashboard }).__dashboard.timings.helloMs));
      if (run === 0) {
        // Stream at 10 Hz onto the full buffers and count the frames drawn.
        const frames = () => page.evaluate(() => (window as unknown as { __dashboard: Dashboard }).__dashboard.charts.frames);
        const before = await frames();
        const began = performance.now();
        const seconds = quick ? 1 : 5;
        for (let i = 0; i < seconds * 10; i++) {
          server.broadcast({ type: 'telemetry', receivedAt: Date.now(), replay: false, data: telemetry(rows + i + 1) });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        fps = ((await frames()) - before) / ((performance.now() - began) / 1000);
      }
      await page.close();
    }
    return [
      { key: 'dashboard.fps', value: fps, unit: 'frames/s', target: { op: '>=', value: 30 }, note: `headless chromium, ${FIELDS.length} series × ${rows} points, streaming at 10 Hz` },
      { key: 'dashboard.load1MPointsMs', value: median(loads), unit: 'ms', target: { op: '<', value: 150 }, note: `a viewer opens the page: ${rows} rows of history (${((FIELDS.length * rows) / 1e6).toFixed(2)} M varying points), from its arrival to the charts drawn` },
    ];
  } finally {
    await server.close();
  }
}

/** From a frame written to the radio's tty to its point drawn: the ground station as a process, 10 Hz telemetry. */
async function latency(browser: Browser, dist: string, quick: boolean): Promise<Figure[]> {
  const ground = await startGroundProcess(['--dashboard', dist]);
  try {
    const page = await openDashboard(browser, ground.url);
    const sentAt: number[] = [];
    const frames = quick ? 20 : 300;
    for (let n = 1; n <= frames; n++) {
      sentAt[n] = performance.timeOrigin + performance.now();
      ground.cansat.write(Buffer.from(encodeFrame(telemetry(n))));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const drawn = await page.evaluate(() => (window as unknown as { __dashboard: Dashboard }).__dashboard.charts.drawn);
    // A point is on screen from the first redraw whose newest packet is it or a later one.
    const latencies = sentAt.flatMap((at, n) => {
      const redraw = drawn.find((d) => d.packetCount >= n);
      if (!redraw) throw new Error(`packet ${n} was never drawn`);
      return [redraw.at - at];
    });
    await page.close();
    return [{ key: 'dashboard.latencyP99Ms', value: percentile(latencies, 99), unit: 'ms', target: { op: '<', value: 50 }, note: `written to the tty until drawn in chromium, ${frames} frames at 10 Hz (p50 ${percentile(latencies, 50).toFixed(1)} ms)` }];
  } finally {
    await ground.close();
  }
}

/** The dashboard in headless chromium: loading two hours of history, drawing while it streams, latency. */
export async function dashboardBench({ quick }: BenchOptions): Promise<Figure[]> {
  const dist = mkdtempSync(join(tmpdir(), 'cansat-dashboard-bench-'));
  await build({ configFile: new URL('../web-dashboard/vite.config.ts', import.meta.url).pathname, logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  const browser = await launchChromium();
  try {
    return [...(await history(browser, dist, quick)), ...(await latency(browser, dist, quick))];
  } finally {
    await browser.close();
  }
}
