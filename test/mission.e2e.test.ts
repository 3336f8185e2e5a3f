import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveFlight } from './support/live-flight.ts';
import type { LiveGround } from '@cansat/ground';
import { MISSION_STATES } from '@cansat/protocol';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../web-dashboard/test/chromium.ts';
import { launchDay } from '../web-dashboard/test/launch-day.ts';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/** The whole kit as on launch day: the real flight process on the simulator, real ttys, the ground, chromium. */
const SCALE = 10;
const ORDER = ['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED'];
let browser: Browser;
let dist: string;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'cansat-e2e-dashboard-'));
  await build({ configFile: new URL('../web-dashboard/vite.config.ts', import.meta.url).pathname, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  browser = await launchChromium();
}, 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => browser?.close());

async function flyWithDashboard(format: string): Promise<{ flight: LiveFlight; ground: LiveGround; page: Page }> {
  const { flight, ground } = await launchDay({ seed: 11, scale: SCALE, wireFormat: format, staticRoot: dist }, cleanups);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  cleanups.push(() => page.close());
  await page.goto(`http://127.0.0.1:${ground.server.port}/`);
  await page.fill('#token', ground.server.token);
  await page.click('#auth button');
  await page.locator('#console .buttons').waitFor();
  await page.click('#console button:text-is("CAL")');
  await page.click('#console button:text-is("CX ON")');
  return { flight, ground, page };
}

const headerState = (page: Page) => page.locator('[data-field="state"]').innerText();

/** Polls the dashboard's state until LANDED, collecting every state it showed. */
async function watchStates(page: Page, limitMs: number): Promise<string[]> {
  const seen: string[] = [];
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const state = await headerState(page);
    if (seen.at(-1) !== state) seen.push(state);
    if (state === 'LANDED') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return seen;
}

function expectContinuous(ground: LiveGround) {
  const counts = ground.station.telemetry.map((t) => t.data.packetCount);
  expect(counts.length).toBeGreaterThan(100);
  expect(counts).toEqual(counts.map((_, i) => counts[0]! + i));
  // Flight_<TEAM_ID>.csv has a row for every frame received.
  expect(ground.station.csvRows).toBe(counts.length);
}

describe('a whole mission through the real ttys and a real browser', () => {
  it.each(['binary', 'aas-2025'])('%s: every state in order on the dashboard, LANDED at the end, every frame in the CSV', async (format) => {
    const { ground, page } = await flyWithDashboard(format);
    const shown = await watchStates(page, 40_000);
    expect(shown.at(-1)).toBe('LANDED');
    // States appear in flight order, never back (1 Hz telemetry may skip a short one between two frames).
    const order = shown.map((s) => MISSION_STATES.indexOf(s as never));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const timeline = await page.locator('#timeline li').allInnerTexts();
    if (format === 'binary') for (const state of ORDER) expect(timeline.some((line) => line.includes(state))).toBe(true);
    expectContinuous(ground);
  }, 90_000);

  it('a processor reset mid-descent: the dashboard shows the recovery and no packet count repeats', async () => {
    const { flight, ground, page } = await flyWithDashboard('binary');
    await expect.poll(() => headerState(page), { timeout: 30_000, interval: 100 }).toBe('DESCENT');
    flight.kill();
    await flight.start();
    await expect.poll(() => page.locator('#timeline li[data-event="RESET_RECOVERED"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => headerState(page), { timeout: 40_000 }).toBe('LANDED');
    const counts = ground.station.telemetry.map((t) => t.data.packetCount);
    expect(new Set(counts).size).toBe(counts.length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  }, 90_000);
});
