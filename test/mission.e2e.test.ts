import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveFlight, type LiveFlight } from './support/live-flight.ts';
import { distanceAndBearing } from '../web-dashboard/src/views/geometry.ts';
import { MISSION_STATES, type Message } from '@cansat/protocol';
import { FrameDecoderStream } from '@cansat/protocol/node';
import { readRawLog, type LiveGround } from '@cansat/ground';
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

/** A team's own layout file: the 22 columns 2026 teams fly, the pressure in pascals. */
const TEAM_LAYOUT = { id: 'team-1234', description: 'our 2026 layout', columns: ['TEAM_ID', 'MISSION_TIME', 'PACKET_COUNT', 'MODE', 'STATE', 'ALTITUDE', 'TEMPERATURE', 'PRESSURE_PA', 'VOLTAGE', 'CURRENT', 'GYRO_R', 'GYRO_P', 'GYRO_Y', 'ACCEL_R', 'ACCEL_P', 'ACCEL_Y', 'GPS_TIME', 'GPS_ALTITUDE', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_SATS', 'CMD_ECHO'] };

/** A wire format by name; `team-layout` is a layout file written for the test. */
function wireFormat(name: string): string {
  if (name !== 'team-layout') return name;
  const path = join(mkdtempSync(join(tmpdir(), 'cansat-layout-')), 'team-1234.json');
  writeFileSync(path, JSON.stringify(TEAM_LAYOUT));
  return path;
}

async function flyWithDashboard(format: string): Promise<{ flight: LiveFlight; ground: LiveGround; page: Page }> {
  const { flight, ground } = await launchDay({ seed: 11, scale: SCALE, wireFormat: wireFormat(format), staticRoot: dist }, cleanups);
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
  it.each(['binary', 'aas-2025', 'team-layout'])('%s: every state in order on the dashboard, LANDED at the end, every frame in the CSV', async (format) => {
    const { ground, page } = await flyWithDashboard(format);
    const shown = await watchStates(page, 40_000);
    expect(shown.at(-1)).toBe('LANDED');
    // States appear in flight order, never back (1 Hz telemetry may skip a short one between two frames).
    const order = shown.map((s) => MISSION_STATES.indexOf(s as never));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const timeline = await page.locator('#timeline li').allInnerTexts();
    // Every state on the timeline: from the events (binary), or seen in telemetry (AAS lines carry no events).
    for (const state of ORDER) expect(timeline.some((line) => line.includes(state)), timeline.join('\n')).toBe(true);
    expectContinuous(ground);
    if (format === 'team-layout') {
      // The team's own columns, the pressure in pascals, as the team's other tools expect.
      const csv = readFileSync(join(ground.session, 'Flight_1234.csv'), 'latin1').trim().split('\r\n');
      expect(csv[0]).toBe(TEAM_LAYOUT.columns.join(','));
      const pascals = Number(csv[1]!.split(',')[7]);
      expect(pascals).toBeGreaterThan(80_000);
      expect(pascals).toBeLessThan(110_000);
    }
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

  it('the ground station SIGKILLed mid-descent and started again: one session, the whole flight, the same token', async () => {
    const flight = await startLiveFlight({ seed: 11, scale: SCALE, openGround: false });
    cleanups.push(() => flight.close());
    await flight.start();
    const record = mkdtempSync(join(tmpdir(), 'cansat-restart-'));
    const port = await freePort();
    const args = ['live', '--port', flight.groundPath, '--baud', '115200', '--team', '1234', '--key', join(flight.dir, 'key.hex'), '--kind', 'simulator', '--record', record, '--http-port', String(port), '--dashboard', dist];
    const first = await startGround(args, /operator token: (\S+)/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    cleanups.push(() => page.close());
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.fill('#token', first.match[1]!);
    await page.click('#auth button');
    await page.locator('#console .buttons').waitFor();
    await page.click('#console button:text-is("CAL")');
    await page.click('#console button:text-is("CX ON")');
    await expect.poll(() => headerState(page), { timeout: 40_000, interval: 100 }).toBe('DESCENT');

    // A laptop crash mid-descent: the CanSat flies on, unheard, for 10 s of its time.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await flight.waitUntil(flight.clock.now() + 10_000);
    const second = await startGround(args, /operator token: (\S+)/);
    expect(second.output()).toMatch(/resuming .*: it stopped without a clean stop \d+ s ago; \d+ telemetry frames and 2 commands reloaded/);
    expect(second.match[1]).toBe(first.match[1]);

    // The open dashboard reconnects by itself, its operator still an operator, and sees the whole flight.
    await expect.poll(() => headerState(page), { timeout: 40_000, interval: 100 }).toBe('LANDED');
    await page.locator('#console .buttons').waitFor();
    const timeline = await page.locator('#timeline li').allInnerTexts();
    for (const state of ORDER) expect(timeline.some((line) => line.includes(state)), timeline.join('\n')).toBe(true);
    expect(await page.locator('#history li').count()).toBe(2);
    // One session folder; the CSV has the whole flight but the packets sent while the station was down, and
    // those (and any the radio lost: telemetry and event frames alike) are what the dashboard counts as lost.
    const sessions = readdirSync(record).filter((name) => name.includes('_simulator_team1234'));
    expect(sessions).toHaveLength(1);
    const session = join(record, sessions[0]!);
    const counts = readFileSync(join(session, 'Flight_1234.csv'), 'latin1').trim().split('\r\n').slice(1).map((row) => Number(row.split(',')[2]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)! - counts[0]! + 1 - counts.length).toBeGreaterThanOrEqual(5);
    const byType = new Map<string, number[]>();
    const decoder = new FrameDecoderStream({ teamId: 1234 });
    decoder.on('data', (m: Message) => byType.set(m.type, [...(byType.get(m.type) ?? []), m.packetCount]));
    for (const chunk of readRawLog(join(session, 'radio.raw')).chunks) decoder.write(chunk.bytes);
    const holes = [...byType.values()].reduce((sum, seen) => sum + (Math.max(...seen) - Math.min(...seen) + 1 - new Set(seen).size), 0);
    await expect.poll(() => page.locator('[data-field="lost"]').innerText(), { timeout: 5000 }).toBe(String(holes));
    const gaps = (JSON.parse(readFileSync(join(session, 'session.json'), 'utf8')) as { gaps: unknown[] }).gaps;
    expect(gaps).toHaveLength(1);
    // Where to search: the launch point is the first fix of the whole flight, not the first after the restart.
    const { latitude, longitude } = flight.sim.scenario.launchSite;
    const truth = distanceAndBearing({ latitude, longitude }, flight.sim.world.truth).distance;
    const shown = Number.parseFloat(await page.locator('[data-field="distance"]').innerText());
    expect(Math.abs(shown - truth) / truth).toBeLessThan(0.05);
  }, 120_000);
});

/** A TCP port nobody uses now, so that both starts of the ground station serve the same address. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The ground station as a crew runs it (its own process, from its bundle); resolves when it serves. */
async function startGround(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  const child = spawn(process.execPath, [new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) resolve(found);
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', (code) => reject(new Error(`the ground station exited (${code}):\n${output}`)));
  });
  return { child, match, output: () => output };
}
