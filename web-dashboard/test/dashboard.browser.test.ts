import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, encodeXbeeFrame, TELEMETRY_FIELDS } from '@cansat/protocol';
import { formatField } from '../src/views/readouts.ts';
import { FrameTap, GroundServer, GroundStation, importRecording, loadSimFile, readTileFolder, startHub, startReplay, StationLink } from '@cansat/ground';
import { freePort, startBroker } from '../../ground/test/mosquitto.ts';
import { telemetry, until, welcome } from '../../ground/test/helpers.ts';
import { simulatedFlight } from '../../test/support/simulated-flight.ts';
import { writeAasLog } from '../../test/support/team-log-files.ts';
import { resolveScenario, teamLog } from '@cansat/firmware-sim';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { launchDay } from './launch-day.ts';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
const cleanups: (() => Promise<unknown> | void)[] = [];
let browser: Browser;
let dist: string;
let recording: string;
/** The same flight as a ground radio in XBee API mode delivers it: each frame in a receive frame with its RSSI. */
let apiRecording: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'cansat-dashboard-'));
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  browser = await launchChromium();
  // A whole simulated flight, recorded as the ground station records one.
  recording = mkdtempSync(join(tmpdir(), 'cansat-recording-'));
  const flight = await simulatedFlight({ scenario: { padWait: 20 } });
  await flight.run(2000);
  flight.send({ name: 'CAL' });
  flight.send({ name: 'CX', on: true });
  await flight.run(200_000);
  flight.stop();
  flight.sim.close();
  const station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'sim', record: { folder: recording, kind: 'simulator' } });
  for (const message of flight.received) station.ingest(encodeFrame(message), 1_800_000_000_000 + message.missionTime);
  station.close();
  apiRecording = mkdtempSync(join(tmpdir(), 'cansat-recording-api-'));
  const api = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'sim', radioMode: 'api', record: { folder: apiRecording, kind: 'simulator' } });
  for (const message of flight.received) {
    // Weaker as the can climbs away: 6 dB each doubling of the range from 100 m.
    const altitude = message.type === 'telemetry' ? (message.altitude ?? 0) : 0;
    const rssi = Math.round(-50 - 20 * Math.log10(Math.max(100, Math.hypot(100, altitude)) / 100));
    api.ingest(encodeXbeeFrame({ kind: 'rx64', source64: '0013a20041cf05cc', rssi, options: 0, data: encodeFrame(message) }), 1_800_000_000_000 + message.missionTime);
  }
  api.close();
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

async function open(url: string, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  cleanups.push(() => page.close());
  await page.goto(url);
  return page;
}

/** The slippy-map tile (x, y) holding a place at zoom z. */
function tileOf(latitude: number, longitude: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (latitude * Math.PI) / 180;
  return [Math.floor(((longitude + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)];
}

const text = (page: Page, field: string) => page.locator(`[data-field="${field}"]`).first().innerText();

describe('the dashboard in chromium', () => {
  it('replays a recorded flight: plots fill, state and counters update, viewers have no command controls, replay controls work', async () => {
    // A folder of recordings: this flight's raw log and its CSV, for the teacher to pick from.
    const replay = await startReplay({ file: recording, speed: 0, paused: true, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const url = `http://127.0.0.1:${replay.server.port}/`;
    const viewer = await open(url);
    await expect.poll(() => text(viewer, 'replay')).toBe('REPLAY');
    expect(await viewer.locator('#console button', { hasText: 'CX ON' }).count()).toBe(0);
    expect(await viewer.locator('#replay .controls').isHidden()).toBe(true);

    const teacher = await open(url);
    await teacher.fill('#token', replay.server.token);
    await teacher.click('#auth button');
    await teacher.locator('#replay .controls').waitFor({ state: 'visible' });
    expect(await teacher.locator('#recording option').allInnerTexts()).toEqual(['radio.raw', 'Flight_1234.csv']);
    await teacher.selectOption('#recording', 'Flight_1234.csv');
    await teacher.click('#open');
    await expect.poll(() => viewer.locator('[data-field="replay-status"]').innerText()).toMatch(/^Flight_1234\.csv: paused/);
    // Back to the raw log, which has the events too (an AAS CSV has none). The page redraws (here on the next link
    // report) between the pick and the click: the pick must survive it.
    await teacher.selectOption('#recording', 'radio.raw');
    await teacher.evaluate(() => Object.assign(window, { __link: (window as unknown as { __dashboard: { state: { link: unknown } } }).__dashboard.state.link }));
    await teacher.waitForFunction(() => (window as unknown as { __dashboard: { state: { link: unknown } }; __link: unknown }).__dashboard.state.link !== (window as unknown as { __link: unknown }).__link);
    await teacher.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await teacher.inputValue('#recording')).toBe('radio.raw');
    await teacher.click('#open');
    await expect.poll(() => viewer.locator('[data-field="replay-status"]').innerText()).toMatch(/^radio\.raw: paused/);
    await teacher.selectOption('#speed', '0');
    // The header's buttons and the replay controls are built once: a click never meets an element just replaced.
    await teacher.evaluate(() => Object.assign(window, { __before: [document.getElementById('csv'), document.querySelector('[data-action="play"]')] }));
    await teacher.click('[data-action="play"]');
    await expect.poll(() => text(teacher, 'state'), { timeout: 10_000 }).toBe('LANDED');
    expect(await teacher.evaluate(() => {
      const [csv, play] = (window as unknown as { __before: Element[] }).__before;
      return csv === document.getElementById('csv') && play === document.querySelector('[data-action="play"]');
    })).toBe(true);
    const points = await viewer.evaluate(() => (window as unknown as { __dashboard: { charts: { points(): Record<string, number> } } }).__dashboard.charts.points());
    expect(points['Altitude']).toBeGreaterThan(190);
    expect(Object.values(points).every((n) => n === points['Altitude'])).toBe(true);
    expect(Number(await text(viewer, 'packets'))).toBeGreaterThan(190);
    // The CanSat's count and the station's are labelled apart, for the judges.
    expect(await viewer.locator('header .item', { has: viewer.locator('[data-field="packets"]') }).innerText()).toMatch(/^CanSat packet count \d+$/);
    expect(await viewer.locator('header .item', { has: viewer.locator('[data-field="received"]') }).innerText()).toMatch(/^received here \d+$/);
    expect(await viewer.locator('#timeline li').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('APOGEE'), expect.stringContaining('LANDED')]));
    // Seek back to the pad: the plots hold only what came before.
    await teacher.evaluate(() => {
      const seek = document.getElementById('seek') as HTMLInputElement;
      seek.value = '10000';
      seek.dispatchEvent(new Event('change'));
    });
    await expect.poll(() => text(viewer, 'state')).toBe('LAUNCH_PAD');
    // The CSV download holds what the page received so far, with the kit's column names.
    const download = viewer.waitForEvent('download');
    await viewer.click('#csv');
    const csv = await (await download).path();
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^teamId,packetCount,missionTime \[ms\],mode,state,altitude \[m\],/);
    expect(lines.length - 1).toBe(await viewer.evaluate(() => (window as unknown as { __dashboard: { store: { count: number } } }).__dashboard.store.count));
    expect(lines.at(-1)).toMatch(/^1234,\d+,\d+,flight,LAUNCH_PAD,/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await teacher.click('[data-action="play"]');
    await expect.poll(() => text(viewer, 'state'), { timeout: 10_000 }).toBe('LANDED');
    await viewer.screenshot({ path: join(ARTIFACTS, 'dashboard-replay.png') });
  }, 60_000);

  it.each([
    [1366, 768],
    [1920, 1080],
  ])('one screen at %i × %i: no scrolling, every field as text, the G7 plots whole, nothing under 14 pt', async (width, height) => {
    const replay = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const page = await browser.newPage({ viewport: { width, height } });
    cleanups.push(() => page.close());
    await page.goto(`http://127.0.0.1:${replay.server.port}/`);
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // Taken first: a failing check below is then seen as well as read.
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}x${height}.png`), fullPage: true });
    // No scrollbar either way.
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([width, height]);
    const inside = (box: { x: number; y: number; width: number; height: number } | null, within = { x: 0, y: 0, width, height }) =>
      box !== null && box.x >= within.x - 0.5 && box.y >= within.y - 0.5 && box.x + box.width <= within.x + within.width + 0.5 && box.y + box.height <= within.y + within.height + 0.5;
    // Every telemetry field's current value, as text, on screen.
    const last = await page.evaluate(() => (window as unknown as { __dashboard: { store: { last: Record<string, unknown> } } }).__dashboard.store.last);
    for (const field of TELEMETRY_FIELDS) {
      const cell = page.locator(`[data-telemetry="${field.name}"]`);
      expect(await cell.innerText(), field.name).toBe(formatField(field, last[field.name]));
      expect(inside(await cell.boundingBox()), `${field.name} on screen`).toBe(true);
    }
    // The big readouts a crew reads aloud: six of those fields, and two figures worked out here.
    expect(await page.locator('#readouts [data-telemetry]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset['telemetry']))).toEqual(['altitude', 'voltage', 'current', 'latitude', 'longitude', 'gpsSats']);
    expect(await page.locator('[data-readout="vspeed"]').innerText()).toMatch(/^-?\d+\.\d$/);
    expect(await page.locator('[data-readout="range"]').innerText()).toMatch(/^\d+ m \d+°$/);
    for (const readout of await page.locator('.readout').all()) expect(inside(await readout.boundingBox())).toBe(true);
    // The AAS G7 plots, each whole inside the window, its plot inside its box.
    for (const title of ['Altitude', 'Battery', 'Acceleration', 'Rotation rate']) {
      const chart = page.locator(`.chart[data-title="${title}"]`);
      const box = await chart.boundingBox();
      expect(inside(box), `${title} in the window`).toBe(true);
      expect(inside(await chart.locator('.uplot').boundingBox(), box!), `${title}'s plot in its box`).toBe(true);
      expect(box!.height, `${title} tall enough to read`).toBeGreaterThan(150);
    }
    // Nothing cut off: only the timeline's and the console's lists scroll, inside their panels.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.panel, .chart, #readouts, header')].filter((e) => e.id !== 'console' && e.id !== 'timeline' && e.scrollHeight > e.clientHeight + 1).map((e) => e.id || e.dataset['title']),
    );
    expect(clipped).toEqual([]);
    // Sunlight: 14 pt (18.7 px) at the least for every figure and label.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('header .item, .readout .label, .readout b, #fields th, #fields td, .chart h2, .panel h2, #timeline li, #console button')]
        .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 18.66)
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
  }, 30_000);

  it.each([
    ['en-US', 'en', 'ltr', ''],
    ['fa-IR', 'fa', 'rtl', 'فرود آمد'],
    ['zh-CN', 'zh', 'ltr', '已着陆'],
    ['th-TH', 'th', 'ltr', 'ลงจอดแล้ว'],
  ])('in the browser\'s language (%s) at 1366 × 768: one screen, nothing cut, every glyph from a font that has it', async (locale, code, dir, landed) => {
    const replay = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${replay.server.port}/`);
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-${code}.png`) });
    // The browser's language, the competition's word kept with its meaning beside it.
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([code, dir]);
    if (code !== 'en') expect(await page.locator('header .gloss').first().innerText()).toBe(landed);
    if (code !== 'en') expect(await page.locator('#fields h2').innerText()).not.toBe('Telemetry');
    // One screen, as in English: no scrolling either way, nothing cut off.
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1366, 768]);
    // The header's figures on one line, the page's controls beside the readouts.
    expect((await page.locator('header').boundingBox())!.height).toBeLessThan(50);
    // The panels as in English; and no label, figure or title cut by a box that hides what overflows it.
    const clipped = await page.evaluate(() => [
      ...[...document.querySelectorAll<HTMLElement>('.panel, .chart, #readouts, header')].filter((e) => e.id !== 'console' && e.id !== 'timeline' && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)),
      ...[...document.querySelectorAll<HTMLElement>('header .item, .readout, #fields th, #fields td, .chart h2, .panel h2')].filter(
        (e) => getComputedStyle(e).overflow !== 'visible' && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1),
      ),
    ].map((e) => e.id || e.dataset['title'] || e.outerHTML.slice(0, 60)));
    expect(clipped).toEqual([]);
    const inWindow = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('header .item, .readout, #fields tr, .chart, .panel:not([hidden])')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.left < -1 || r.right > innerWidth + 1 || r.top < -1 || r.bottom > innerHeight + 1;
      }).map((e) => e.outerHTML.slice(0, 60)),
    );
    expect(inWindow).toEqual([]);
    // Every glyph drawn from a font that has it (Chromium says which fonts drew each element's text): no tofu.
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'header .item, .readout .label, #fields th, .chart h2, .panel h2, #timeline li' });
    const fonts = new Set<string>();
    for (const nodeId of nodeIds) {
      // The header is drawn again every second: a node gone meanwhile is passed over.
      const used = await cdp.send('CSS.getPlatformFontsForNode', { nodeId }).then((r) => r.fonts, () => []);
      for (const font of used) fonts.add(font.familyName);
    }
    expect([...fonts].filter((name) => !/^(Noto|DejaVu)/.test(name))).toEqual([]);
    const script = { fa: 'Noto (Sans|Naskh) Arabic', zh: 'Noto Sans CJK', th: 'Noto (Sans|Serif|Looped) Thai' }[code]!;
    expect([...fonts].some((name) => new RegExp(script).test(name)), `${code} drawn with ${[...fonts].join(', ')}`).toBe(true);
    if (dir === 'rtl') {
      // Mirrored: the text column on the right, the map and panels on the left; time still runs left to right.
      const fields = (await page.locator('#fields').boundingBox())!;
      const track = (await page.locator('#track').boundingBox())!;
      expect(fields.x).toBeGreaterThan(track.x);
      expect(await page.locator('.uplot').first().evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
      const [first, last] = await page.locator('.chart[data-title="Altitude"] .uplot').evaluate((e) => {
        const plot = (window as unknown as { __dashboard: { charts: { plots: { title: string; plot: { data: number[][]; valToPos(v: number, s: string): number } }[] } } }).__dashboard.charts.plots.find((p) => p.title === 'Altitude')!.plot;
        const times = plot.data[0]!;
        return [plot.valToPos(times[0]!, 'x'), plot.valToPos(times.at(-1)!, 'x')];
      });
      expect(last).toBeGreaterThan(first!);
    }
    // The choice is remembered: English picked in one click stays after a reload.
    await Promise.all([page.waitForEvent('load'), page.selectOption('#language', 'en')]);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('#fields h2').innerText()).toBe('Telemetry');
  }, 60_000);

  it('draws the flight on a map over a tile folder prepared beforehand (made here): launch point, station, track, landing point', async () => {
    // Tiles as a crew's folder holds them, <zoom>/<x>/<y>.png, drawn by chromium's canvas, around the launch site.
    const tiles = mkdtempSync(join(tmpdir(), 'cansat-tiles-'));
    const painter = await browser.newPage();
    cleanups.push(() => painter.close());
    let made = 0;
    for (let z = 14; z <= 16; z++) {
      const [x0, y0] = tileOf(37.1677, -80.579, z);
      for (let x = x0 - 2; x <= x0 + 4; x++) {
        for (let y = y0 - 2; y <= y0 + 2; y++) {
          const png = await painter.evaluate(([label, hue]) => {
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = 256;
            const g = canvas.getContext('2d')!;
            g.fillStyle = `hsl(${hue}, 40%, 85%)`;
            g.fillRect(0, 0, 256, 256);
            g.fillStyle = '#333';
            g.font = '20px sans-serif';
            g.fillText(label, 20, 128);
            return canvas.toDataURL('image/png').split(',')[1]!;
          }, [`${z}/${x}/${y}`, (x * 37 + y * 71) % 360] as const);
          mkdirSync(join(tiles, String(z), String(x)), { recursive: true });
          writeFileSync(join(tiles, String(z), String(x), `${y}.png`), Buffer.from(png, 'base64'));
          made++;
        }
      }
    }
    writeFileSync(join(tiles, 'attribution.txt'), 'test tiles <made by the test>');
    const folderInfo = readTileFolder(tiles);
    expect(folderInfo.setup).toEqual({ url: '/tiles/{z}/{x}/{y}.png', minZoom: 14, maxZoom: 16, attribution: 'test tiles <made by the test>' });
    const station = { latitude: 37.1660, longitude: -80.5800 };
    const replay = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist, tiles: folderInfo, stationPosition: station });
    cleanups.push(() => replay.close());
    const url = `http://127.0.0.1:${replay.server.port}/`;
    const page = await open(url, { width: 1366, height: 768 });
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-map.png') });
    // The tiles come from the station, none from anywhere else.
    await expect.poll(() => page.locator('#track img.leaflet-tile-loaded').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    expect((await page.locator('#track .map').boundingBox())!.height).toBeGreaterThan(120);
    // Leaflet blanks a tile it stops loading (a zoom step) with an inline data: image; every fetched one is the station's.
    const sources = await page.locator('#track img.leaflet-tile').evaluateAll((images) => images.map((i) => (i as HTMLImageElement).src));
    expect(sources.filter((src) => !src.startsWith('data:')).every((src) => src.startsWith(`${url}tiles/`))).toBe(true);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(fetched.filter((name) => !name.startsWith(url))).toEqual([]);
    expect(await page.locator('#track .leaflet-control-attribution').innerText()).toContain('test tiles <made by the test>');
    // Launch point (green), station (white), the CanSat at its landing point (red), and the path between.
    const fills = await page.locator('#track path.leaflet-interactive').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    expect(fills).toEqual(expect.arrayContaining(['#0a7a2f', '#ffffff', '#c00000', 'none']));
    const centre = async (fill: string) => {
      const box = (await page.locator(`#track path.leaflet-interactive[fill="${fill}"]`).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const launch = await centre('#0a7a2f');
    const landing = await centre('#c00000');
    const mapBox = (await page.locator('#track .map').boundingBox())!;
    // The flight drifted east (its bearing is about 90°): the landing point is right of the launch point, both in view.
    const bearing = Number.parseFloat(await text(page, 'bearing'));
    expect(Math.abs(Math.atan2(landing.x - launch.x, launch.y - landing.y) * (180 / Math.PI) - bearing)).toBeLessThan(5);
    for (const point of [launch, landing]) expect(point.x > mapBox.x && point.x < mapBox.x + mapBox.width && point.y > mapBox.y && point.y < mapBox.y + mapBox.height).toBe(true);
    // Distances from the station, in the panel and the big readout.
    expect(await page.locator('#track .info').innerText()).toMatch(/from the station: \d+ m at \d+°/);
    expect(await page.locator('.readout', { has: page.locator('[data-readout="range"]') }).innerText()).toMatch(/^from the station\n\d+ m \d+°/);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(768);
    // The tile folder serves tiles, and nothing outside it.
    const status = (path: string) => new Promise<number>((resolve) => get({ host: '127.0.0.1', port: replay.server.port, path }, (r) => resolve(r.statusCode!)).end());
    expect(await status('/tiles/15/0/0.png')).toBe(404);
    expect(await status('/tiles/..%2f..%2f..%2fetc%2fpasswd')).toBe(403);
    expect(made).toBe(105);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-map.png') });
  }, 60_000);

  it('at a hub: the merged flight, and the stations panel with what each station alone heard', async () => {
    const port = await freePort();
    const broker = await startBroker(port);
    cleanups.push(() => void broker.kill());
    const url = `mqtt://127.0.0.1:${port}`;
    const hub = await startHub({ url, archive: mkdtempSync(join(tmpdir(), 'cansat-hub-')), httpPort: 0, host: '127.0.0.1', staticRoot: dist, teamId: 1234, log: () => {} });
    cleanups.push(() => hub.close());
    // East and west of the launch point, about 300 m each way.
    const positions = { east: { latitude: 37.1, longitude: -80.4966 }, west: { latitude: 37.1, longitude: -80.5034 } };
    const links = (['east', 'west'] as const).map((id) => new StationLink({ url, teamId: 1234, stationId: id, clock: 'ntp', position: positions[id], storeFolder: mkdtempSync(join(tmpdir(), 'cansat-store-')), log: () => {} }));
    cleanups.push(...links.map((link) => () => link.close()));
    const page = await open(hub.server.url, { width: 1366, height: 768 });
    // East misses every third frame, west every fifth: together, all but multiples of 15.
    for (let n = 1; n <= 60; n++) {
      const [frame] = new FrameTap('binary').push(encodeFrame(telemetry(n)));
      if (n % 3 !== 0) links[0]!.heard(frame!, 1_800_000_000_000 + n * 1000);
      // West's radio is in XBee API mode: each reception with its packet's signal.
      if (n % 5 !== 0) links[1]!.heard(frame!, 1_800_000_000_000 + n * 1000 + 3, -60 - Math.floor(n / 10));
    }
    await expect.poll(() => page.locator('#stations tr[data-station]').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('#stations tr[data-station="east"]').innerText(), { timeout: 10_000 }).toMatch(/east\s+40\s+8\s+19/);
    expect(await page.locator('#stations tr[data-station="west"]').innerText()).toMatch(/west\s+48\s+16\s+11/);
    // Each station's signal, where its radio gives one: west's last, 59's, at -65 dBm.
    await expect.poll(() => page.locator('#stations tr[data-station="west"] [data-field="station-signal"]').innerText()).toBe('-65 dBm');
    expect(await page.locator('#stations tr[data-station="east"] [data-field="station-signal"]').innerText()).toBe('—');
    // 15, 30 and 45 (60, heard by neither, is past the last count anyone heard).
    expect(await text(page, 'merged-lost')).toBe('3');
    // Nobody commands through a hub: no token form, no buttons.
    expect(await page.locator('#console').isVisible()).toBe(false);
    await expect.poll(() => text(page, 'lost'), { timeout: 5000 }).toBe('3');
    // The merged flight: the 56 frames either heard.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __dashboard: { store: { count: number } } }).__dashboard.store.count), { timeout: 10_000 }).toBe(56);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(768);
    await expect.poll(() => text(page, 'received'), { timeout: 5000 }).toBe('56');
    // Frame 15 reaches the hub late (west's backlog, say): the page gets the flight again, 15 in its place.
    const [late] = new FrameTap('binary').push(encodeFrame(telemetry(15)));
    links[1]!.heard(late!, 1_800_000_000_000 + 15 * 1000 + 3);
    type Store = { store: { count: number; series: Map<string, { values(): Float64Array }> } };
    const counts = () => page.evaluate(() => [...(window as unknown as { __dashboard: Store }).__dashboard.store.series.get('packetCount')!.values()]);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __dashboard: Store }).__dashboard.store.count), { timeout: 10_000 }).toBe(57);
    const seen = await counts();
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.slice(12, 16)).toEqual([13, 14, 15, 16]);
    await expect.poll(() => text(page, 'merged-lost'), { timeout: 5000 }).toBe('2');
    // Where each station stands, for the map.
    expect(await page.evaluate(() => (window as unknown as { __dashboard: { state: { network: { stations: { station: string; position?: unknown }[] } } } }).__dashboard.state.network.stations.map((s) => [s.station, s.position]))).toEqual([['east', positions.east], ['west', positions.west]]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-hub.png') });
  }, 60_000);

  it("replays a real team's launch whose software never left LAUNCH_PAD: the timeline from the pressure, said so, on one screen at 1366 × 768", async () => {
    // The 2025 team's SD-card log, imported as a user would, then replayed.
    const imported = await importRecording(new URL('../../test/fixtures/realdata/telemetry/2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv', import.meta.url).pathname, { out: mkdtempSync(join(tmpdir(), 'cansat-imported-')) });
    const replay = await startReplay({ file: imported.csv!, speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const page = await open(`http://127.0.0.1:${replay.server.port}/`, { width: 1366, height: 768 });
    const physics = page.locator('#timeline li[data-event="STATE_PHYSICS"]');
    await expect.poll(() => physics.count(), { timeout: 15_000 }).toBe(4);
    const said = await physics.allInnerTexts();
    expect(said.map((l) => l.replace(/^\S+ /, ''))).toEqual(['ASCENT (from pressure)', expect.stringMatching(/^APOGEE, 66\d m above the pad \(from pressure\)$/), 'DESCENT (from pressure)', 'LANDED (from pressure)']);
    const lines = await page.locator('#timeline li').allInnerTexts();
    // The liftoff in the pressure at 00:23:18 of the team's clock (within the 2 s the rows allow), the apogee 11 s later.
    expect(lines.find((l) => l.includes('ASCENT'))).toMatch(/^00:23:1[6-9] ASCENT \(from pressure\)$/);
    expect(lines.find((l) => l.includes('APOGEE'))).toMatch(/^00:23:(2[89]|30) APOGEE, 66\d m above the pad/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'replay-reconstructed-1366x768.png') });
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1366, 768]);
  });

  it('a team log whose ALTITUDE was never zeroed: the big readout shows the height above the pad from the pressure, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cansat-unzeroed-'));
    const log = teamLog(resolveScenario({ padWait: 30, seed: 11 }), { hz: 1, altitudeOffset: 825, seed: 3 });
    const imported = await importRecording(writeAasLog(log, 1234, join(dir, 'unzeroed.csv')), { out: dir });
    const replay = await startReplay({ file: imported.csv!, speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const page = await open(`http://127.0.0.1:${replay.server.port}/`, { width: 1366, height: 768 });
    await expect.poll(() => text(page, 'state'), { timeout: 15_000 }).toBe('LANDED');
    const readout = page.locator('.readout').filter({ has: page.locator('[data-telemetry="altitude"]') });
    await expect.poll(() => readout.locator('.label').innerText()).toBe('above the pad');
    // Landed: within a few metres of the pad by the pressure, while the team's column still reads the site's 825 m.
    expect(Math.abs(Number(await page.locator('[data-telemetry="altitude"]').innerText()))).toBeLessThan(15);
    expect(await page.locator('[data-telemetry="altitude"]').getAttribute('title')).toMatch(/^the ALTITUDE column says 8[12]\d\.\d m$/);
  });

  it('replays a flight received in XBee API mode: the signal in the header and, on a tall screen, its plot, falling as the can climbs', async () => {
    const replay = await startReplay({ file: join(apiRecording, 'radio.raw'), speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const page = await open(`http://127.0.0.1:${replay.server.port}/`, { width: 1920, height: 1080 });
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
    await expect.poll(() => page.locator('[data-field="signal"]').innerText()).toMatch(/^-\d+ dBm$/);
    const signal = page.locator('.chart[data-title="Signal"]');
    await expect.poll(() => signal.isVisible()).toBe(true);
    const rssi = await page.evaluate(() => Array.from((window as unknown as { __dashboard: { store: { series: Map<string, { values(): Float64Array }> } } }).__dashboard.store.series.get('rssi')!.values()));
    expect(rssi.length).toBeGreaterThan(50);
    expect(Math.max(...rssi)).toBe(-50);
    expect(Math.min(...rssi)).toBeLessThan(-65);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-signal-1920x1080.png') });
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1920, 1080]);
  });

  it('fits a phone (390 × 844): one column, altitude first, no sideways scrolling', async () => {
    const replay = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: false, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => replay.close());
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    cleanups.push(() => page.close());
    await page.goto(`http://127.0.0.1:${replay.server.port}/`);
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
    // Charts redraw to their new width on the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const first = await page.locator('.chart').first().boundingBox();
    expect(await page.locator('.chart').first().getAttribute('data-title')).toBe('Altitude');
    expect(first!.x + first!.width).toBeLessThanOrEqual(390);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png') });
  });

  it('draws a long flight at screen resolution with every peak, zooms into a dragged window at full detail, and back on a double click', async () => {
    // Half an hour at 10 Hz, one spike in it.
    const rows = Array.from({ length: 18_000 }, (_, i) => ({ receivedAt: 1_800_000_000_000 + i * 100, data: telemetry(i + 1, { altitude: i === 10_000 ? 5000 : i % 1000 }) }));
    const server = await GroundServer.listen({ port: 0, hello: (role) => welcome(role, rows), staticRoot: dist });
    cleanups.push(() => server.close());
    const page = await open(`http://127.0.0.1:${server.port}/`);
    type Plot = { title: string; plot: { data: number[][]; over: HTMLElement } };
    const altitude = () =>
      page.evaluate(() => {
        const { plot } = (window as unknown as { __dashboard: { charts: { plots: Plot[] } } }).__dashboard.charts.plots.find((p) => p.title === 'Altitude')!;
        const [x, y] = [Array.from(plot.data[0]!), Array.from(plot.data[1]!)];
        return { points: x.length, width: plot.over.clientWidth, highest: Math.max(...y), steps: [...new Set(x.slice(1).map((v, i) => Math.round((v - x[i]!) * 10)))] };
      });
    await expect.poll(async () => (await altitude()).points, { timeout: 15_000 }).toBeGreaterThan(0);
    const whole = await altitude();
    expect(whole.points).toBeLessThanOrEqual(2 * whole.width + 2);
    expect(whole.highest).toBe(5000);
    // Drag across about a hundredth of the chart: some 180 rows, fewer than there are pixel columns.
    const box = (await page.locator('[data-title="Altitude"] .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.51, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await altitude()).points).not.toBe(whole.points);
    const zoomed = await altitude();
    expect(zoomed.points).toBeGreaterThan(100);
    expect(zoomed.points).toBeLessThan(2 * zoomed.width);
    // Full detail: one point per row, 0.1 s apart.
    expect(zoomed.steps).toEqual([1]);
    expect(await page.locator('[data-title="Altitude"] h2').evaluate((h2) => getComputedStyle(h2, '::after').content)).toMatch(/double-click/);
    await page.locator('[data-title="Altitude"] .u-over').dblclick();
    await expect.poll(async () => (await altitude()).points).toBe(whole.points);
    expect(await page.locator('[data-title="Altitude"]').getAttribute('data-zoomed')).toBeNull();
  }, 60_000);

  it('reconnects by itself after a server restart and restores the history; reports and drops a bad message', async () => {
    const first = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: true, httpPort: 0, host: '127.0.0.1', staticRoot: dist });
    const port = first.server.port;
    first.engine().seek(30_000);
    const page = await open(`http://127.0.0.1:${port}/`);
    await expect.poll(() => text(page, 'state')).toBe('ASCENT');
    await first.close();
    await expect.poll(() => page.locator('[data-field="server"]').count()).toBe(1);
    // The station comes back (a restart) further into the flight: the page catches up without a reload.
    const second = await startReplay({ file: join(recording, 'radio.raw'), speed: 0, paused: true, httpPort: port, host: '127.0.0.1', staticRoot: dist });
    cleanups.push(() => second.close());
    second.engine().seek(120_000);
    await expect.poll(() => text(page, 'state'), { timeout: 15_000 }).toBe('PROBE_RELEASE');
    expect(await page.locator('[data-field="server"]').count()).toBe(0);
    const count = await page.evaluate(() => (window as unknown as { __dashboard: { store: { count: number } } }).__dashboard.store.count);
    expect(count).toBeGreaterThan(100);
    // A message the dashboard does not understand is reported and dropped; the page keeps going.
    second.server.broadcast({ type: 'telemetry', receivedAt: 0, replay: true, data: { nonsense: true } } as never);
    await expect.poll(() => page.locator('#notice').innerText()).toMatch(/not understood.*dropped/);
    second.engine().seek(190_000);
    await expect.poll(() => text(page, 'state'), { timeout: 10_000 }).toBe('LANDED');
  }, 60_000);

  it('live in XBee API mode: the signal in the header with what the link budget expects, both plotted, falling as the can climbs away', async () => {
    // The team's station beside the pad, a whip antenna, light obstruction: the budget knows all but the fading.
    const site = { id: 'team', north: -120, east: -60, height: 1.5, antennaGainDbi: 2.1, obstructionDb: 0, blackouts: [] };
    const { flight, ground } = await launchDay({ seed: 5, scale: 8, staticRoot: dist, xbee: { site } }, cleanups);
    const page = await open(`http://127.0.0.1:${ground.server.port}/`, { width: 1920, height: 1080 });
    ground.uplink.send('cx', { name: 'CX', on: true }, false);
    await expect.poll(() => page.locator('[data-field="signal"]').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/^-\d+ dBm, \d+ dB margin; the budget says -\d+ dBm$/);
    await until(() => flight.sim.world.vehicle.peakAltitude > 600 && flight.sim.world.vehicle.altitude < 500, 60_000, 'the climb and part of the descent');
    await expect.poll(() => page.locator('.chart[data-title="Signal"]').isVisible()).toBe(true);
    const [measured, budget] = await page.evaluate(() => ['rssi', 'rssiBudget'].map((name) => Array.from((window as unknown as { __dashboard: { store: { series: Map<string, { values(): Float64Array }> } } }).__dashboard.store.series.get(name)!.values())));
    const pairs = measured!.map((m, i) => [m, budget![i]!]).filter(([m, b]) => !Number.isNaN(m!) && !Number.isNaN(b!));
    expect(pairs.length).toBeGreaterThan(20);
    // The measured signal follows the budget (the simulator's fading is 1 dB here); both fall as the can climbs.
    const errors = pairs.map(([m, b]) => Math.abs(m! - b!)).sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]!).toBeLessThan(3);
    expect(Math.max(...pairs.map(([m]) => m!)) - Math.min(...pairs.map(([m]) => m!))).toBeGreaterThan(6);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-signal-live-1920x1080.png') });
  }, 120_000);

  it('live: an operator command goes through the ground station to the flight program, and its echo appears', async () => {
    // The simulated battery gives about 8.2 V: an alarm at 9 V must fire, after its persistence.
    const { ground } = await launchDay({ seed: 5, scale: 1, scenario: { padWait: 3600 }, staticRoot: dist, limits: { voltage: { yellow: { min: 9 } } } }, cleanups);
    const url = `http://127.0.0.1:${ground.server.port}/`;
    const viewer = await open(url);
    // The crew's laptop: every command button on screen at 1366 × 768, beside everything else.
    const operator = await open(url, { width: 1366, height: 768 });
    expect(await viewer.locator('#console .buttons').count()).toBe(0);
    await operator.fill('#token', ground.server.token);
    await operator.click('#auth button');
    await operator.locator('#console .buttons').waitFor();
    for (const button of await operator.locator('#console .buttons button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.y + box.height, await button.innerText()).toBeLessThanOrEqual(768);
    }
    expect(await operator.evaluate(() => document.documentElement.scrollHeight)).toBe(768);
    await operator.click('#console button:text-is("CX ON")');
    await expect.poll(() => viewer.locator('#history li').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('acked');
    await expect.poll(() => text(viewer, 'packets'), { timeout: 10_000 }).not.toBe('0');
    // The simulated MPU-6050 has no magnetometer: the telemetry table says so rather than show blanks; every chart
    // has readings.
    await expect.poll(() => viewer.locator('[data-telemetry="magR"]').innerText(), { timeout: 10_000 }).toBe('no sensor');
    expect(await viewer.locator('tr', { has: viewer.locator('[data-telemetry="magR"]') }).getAttribute('title')).toMatch(/Magnetic field/);
    for (const title of ['Altitude', 'Pressure', 'Temperature', 'Battery', 'Rotation rate', 'Acceleration']) {
      expect(await viewer.locator(`.chart[data-title="${title}"] .absent`).isVisible(), title).toBe(false);
    }
    // On the pad the accelerometer reads gravity alone: roll and pitch near 0, and the spin rate.
    await expect.poll(() => text(viewer, 'roll'), { timeout: 10_000 }).toMatch(/^-?[0-5]°$/);
    expect(await text(viewer, 'pitch')).toMatch(/^-?[0-5]°$/);
    expect(await text(viewer, 'spin')).toMatch(/rpm$/);
    // The echo: the CanSat's telemetry says CXON; the command console shows it carried out.
    await expect.poll(() => viewer.evaluate(() => (window as unknown as { __dashboard: { store: { last: { cmdEcho: string } | null } } }).__dashboard.store.last?.cmdEcho), { timeout: 10_000 }).toBe('CXON');
    await expect.poll(() => viewer.locator('[data-field="alarm"]').allInnerTexts(), { timeout: 10_000 }).toEqual(['battery: warning']);
    // A hazardous command asks first; declining sends nothing.
    operator.once('dialog', (dialog) => void dialog.dismiss());
    await operator.click('#console button:text-is("RELEASE")');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await viewer.locator('#history li').count()).toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await operator.screenshot({ path: join(ARTIFACTS, 'dashboard-live.png') });
  }, 60_000);

  it("simulation mode: the judges' file shown before it starts (name, lines, altitude profile), then flown by the real flight program", async () => {
    const simFile = loadSimFile(new URL('../../test/fixtures/realdata/simp/2021-TAMU-Cansat_2021_sim_file_B.csv', import.meta.url).pathname);
    // Ten times real time on both sides: one SIMP a second of the CanSat's clock.
    const { ground } = await launchDay({ seed: 7, scale: 10, scenario: { padWait: 36_000 }, staticRoot: dist, simFile }, cleanups);
    const operator = await open(`http://127.0.0.1:${ground.server.port}/`);
    await operator.fill('#token', ground.server.token);
    await operator.click('#auth button');
    await operator.locator('#player').waitFor({ state: 'visible' });
    expect(await text(operator, 'sim-file')).toBe('2021-TAMU-Cansat_2021_sim_file_B.csv');
    expect(await text(operator, 'sim-lines')).toBe('117');
    expect(await text(operator, 'sim-peak')).toBe('785');
    const points = (await operator.locator('#sim-file polyline').getAttribute('points'))!.split(' ');
    expect(points).toHaveLength(117);
    // The profile's highest point is the file's peak, 18 s in.
    const heights = points.map((p) => Number(p.split(',')[1]));
    expect(heights.indexOf(Math.min(...heights))).toBe(18);
    mkdirSync(ARTIFACTS, { recursive: true });
    await operator.locator('#player').screenshot({ path: join(ARTIFACTS, 'dashboard-sim-file.png') });

    operator.on('dialog', (dialog) => void dialog.accept());
    for (const label of ['SIM ENABLE', 'SIM ACTIVATE', 'CX ON']) await operator.click(`#console button:text-is("${label}")`);
    await operator.click('[data-player="start"]');
    await expect.poll(() => operator.locator('[data-telemetry="mode"]').innerText(), { timeout: 20_000 }).toBe('simulation');
    await expect.poll(() => text(operator, 'state'), { timeout: 60_000 }).toBe('LANDED');
    const states = await operator.evaluate(() =>
      (window as unknown as { __dashboard: { state: { events: { data: { event: string; state: string } }[] } } }).__dashboard.state.events.filter((e) => e.data.event === 'STATE_CHANGE').map((e) => e.data.state),
    );
    expect(states).toEqual(['ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    await operator.screenshot({ path: join(ARTIFACTS, 'dashboard-simulation-mode.png') });
  }, 120_000);
});
