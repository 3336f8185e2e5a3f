import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundServer, type Hello } from '@cansat/ground';
import { launchChromium } from '../web-dashboard/test/chromium.ts';
import { build } from 'vite';
import { telemetry, welcome } from '../ground/test/helpers.ts';
import { median, type BenchOptions, type Figure } from './figure.ts';

const FIELDS = ['altitude', 'temperature', 'pressure', 'voltage', 'current', 'gyroR', 'gyroP', 'gyroY', 'accelR', 'accelP', 'accelY', 'gpsAltitude', 'latitude', 'longitude', 'gpsSats', 'missionTime'];

/** The dashboard in headless chromium: loading two hours of history, and drawing while it streams at 10 Hz. */
export async function dashboardBench({ quick }: BenchOptions): Promise<Figure[]> {
  const rows = quick ? 2000 : 72_000;
  const dist = mkdtempSync(join(tmpdir(), 'cansat-dashboard-bench-'));
  await build({ configFile: new URL('../web-dashboard/vite.config.ts', import.meta.url).pathname, logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  // Two hours of a flight: 16 fields vary, the others keep the test helper's values.
  const start = Date.now() - rows * 100;
  const history = Array.from({ length: rows }, (_, i) => ({
    receivedAt: start + i * 100,
    data: telemetry(i + 1, Object.fromEntries(FIELDS.map((f, k) => [f, Math.sin(i / (500 + k * 37)) * (k + 1) * 10 + k]))),
  }));
  const hello = (role: Hello['role']) => welcome(role, history);
  const server = await GroundServer.listen({ port: 0, hello, staticRoot: dist });
  const browser = await launchChromium();
  try {
    const loads: number[] = [];
    let fps = 0;
    for (let run = 0; run < (quick ? 1 : 3); run++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      page.on('pageerror', (error) => console.error(`dashboard page error: ${error.message}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`dashboard console: ${m.text()}`));
      await page.goto(`http://127.0.0.1:${server.port}/`);
      await page.waitForFunction(() => Number.isFinite((window as unknown as { __dashboard: { timings: { helloMs: number } } }).__dashboard?.timings.helloMs), null, { timeout: 60_000 });
      loads.push(await page.evaluate(() => (window as unknown as { __dashboard: { timings: { helloMs: number } } }).__dashboard.timings.helloMs));
      if (run === 0) {
        // Stream at 10 Hz onto the full buffers and count the frames drawn.
        const frames = () => page.evaluate(() => (window as unknown as { __dashboard: { charts: { frames: number } } }).__dashboard.charts.frames);
        const before = await frames();
        const began = performance.now();
        const seconds = quick ? 1 : 5;
        for (let i = 0; i < seconds * 10; i++) {
          server.broadcast({ type: 'telemetry', receivedAt: Date.now(), replay: false, data: telemetry(rows + i + 1) });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        fps = (await frames() - before) / ((performance.now() - began) / 1000);
      }
      await page.close();
    }
    return [
      { key: 'dashboard.fps', value: fps, unit: 'frames/s', target: { op: '>=', value: 30 }, note: `headless chromium, ${FIELDS.length} series × ${rows} points, streaming at 10 Hz` },
      { key: 'dashboard.load1MPointsMs', value: median(loads), unit: 'ms', target: { op: '<', value: 150 }, note: `a hello with ${rows} rows (${((FIELDS.length * rows) / 1e6).toFixed(2)} M varying points), from its arrival to the charts drawn` },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
