import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flySummary, loadScenario } from '@cansat/firmware-sim';
import { GroundStation, loadRecording, type FlightAnalysis } from '@cansat/ground';
import { encodeXbeeFrame } from '@cansat/protocol';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../web-dashboard/test/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The post-flight report, made by the CLI from the kit's own recordings and a real team's, read in chromium. */
const run = promisify(execFile);
const BIN = new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname;
const CLASSROOM = new URL('../classroom/', import.meta.url).pathname;
const REAL = new URL('./fixtures/realdata/telemetry/', import.meta.url).pathname;
const ARTIFACTS = new URL('../test-results/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'cansat-report-'));
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 30_000);
afterAll(async () => browser?.close());

/** Makes a report with the CLI (HTML, PDF and the figures as JSON). */
async function report(name: string, recordings: string[], lang = 'en'): Promise<{ html: string; pdf: string; figures: FlightAnalysis[] }> {
  const html = join(work, `${name}.html`);
  const pdf = join(ARTIFACTS, `report-${name}.pdf`);
  const { stdout } = await run(process.execPath, [BIN, 'report', ...recordings, '--out', html, '--pdf', pdf, '--json', '--lang', lang], { maxBuffer: 1 << 26 });
  return { html, pdf, figures: JSON.parse(stdout) as FlightAnalysis[] };
}

/** Opens a report in chromium with the network cut off; returns what went wrong on the page. */
async function open(html: string, screenshot: string, viewport = { width: 1100, height: 900 }): Promise<{ errors: string[]; text: string; columns: number }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  // Self-contained: anything it asked the network for would be an error.
  await page.route(/^https?:/, (route) => {
    errors.push(`fetched ${route.request().url()}`);
    void route.abort();
  });
  await page.goto(`file://${html}`);
  await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  const text = await page.locator('body').innerText();
  const columns = await page.locator('table.summary thead th').count();
  await page.close();
  return { errors, text, columns: columns - 1 };
}

const isPdf = (path: string) => readFileSync(path).subarray(0, 5).toString('latin1') === '%PDF-' && statSync(path).size > 10_000;

describe('cansat-ground report', () => {
  it.each(['nominal', 'parachute-failure', 'high-wind'])('the %s classroom flight: apogee within one percent of the simulator, no page error, a PDF', async (name) => {
    const scenario = await loadScenario(name);
    const truth = flySummary({ ...scenario, padWait: 20 }, { kind: 'fraction', fraction: 0.8 });
    const { html, pdf, figures } = await report(name, [join(CLASSROOM, name)]);
    const [flight] = figures;
    expect(Math.abs(flight!.apogee!.altitude - truth.apogee) / truth.apogee).toBeLessThan(0.01);
    expect(flight!.packets.lost).toBe(0);
    expect(flight!.states.map((s) => s.state)).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    // The failed parachute is what the data shows went wrong.
    expect(flight!.findings.some((a) => a.kind === 'fast-descent')).toBe(name === 'parachute-failure');
    const page = await open(html, `report-${name}.png`);
    expect(page.errors).toEqual([]);
    expect(page.text).toMatch(new RegExp(`Apogee\\s+${flight!.apogee!.altitude.toFixed(1)} m`));
    expect(isPdf(pdf)).toBe(true);
  }, 60_000);

  it("a real team's launch, imported on the way: its apogee, its lost packets, its findings", async () => {
    const { html, pdf, figures } = await report('soton-2022', [join(REAL, '2022-soton-Flight_1032_C_FIN.csv')]);
    const [flight] = figures;
    // The column's 920.8 m is one sample 229 m above both neighbours (692 → 920.8 → 769 m): the peak is about 770 m.
    expect(flight!.apogee!.source).toBe('altitude');
    expect(Math.abs(flight!.apogee!.altitude - 770)).toBeLessThan(10);
    expect(flight!.findings.some((f) => f.kind === 'spike' && /920\.8/.test(f.detail))).toBe(true);
    expect(flight!.teamId).toBe(1032);
    expect(flight!.packets.lost).toBe(3);
    expect(flight!.findings.some((a) => a.kind === 'gap' && /3 packets missing/.test(a.detail))).toBe(true);
    // Another team's year: the kit's release rule is not applied to it.
    expect(flight!.release?.rule).toBeNull();
    const page = await open(html, 'report-soton-2022.png');
    expect(page.errors).toEqual([]);
    expect(isPdf(pdf)).toBe(true);
  }, 60_000);

  it("a real launch the team's columns got wrong, reconstructed from its pressure: apogee, states and findings said as such", async () => {
    const { html, figures } = await report('uom-2025', [join(REAL, '2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv')]);
    const [flight] = figures;
    expect(flight!.apogee).toMatchObject({ source: 'pressure' });
    expect(flight!.apogee!.altitude).toBeGreaterThan(655);
    expect(flight!.apogee!.altitude).toBeLessThan(674);
    expect(flight!.launchAt).not.toBeNull();
    expect(flight!.findings.map((f) => f.kind)).toContain('stuck-state');
    const page = await open(html, 'report-reconstructed-1366x768.png', { width: 1366, height: 768 });
    expect(page.errors).toEqual([]);
    expect(page.text).toContain('ASCENT (from pressure)');
    expect(page.text).toContain('LANDED (from pressure)');
    expect(page.text).toMatch(/Heights from\s+pressure, above the pad/);
    expect(page.text).toMatch(/the state stayed LAUNCH_PAD while the pressure shows a flight to 66\d m/);
  }, 60_000);

  it('a flight received in XBee API mode: the signal in the summary and its plot, from the frames the raw log kept', async () => {
    const nominal = loadRecording(join(CLASSROOM, 'nominal', 'radio.raw'));
    const folder = mkdtempSync(join(tmpdir(), 'cansat-report-api-'));
    const station = new GroundStation({ teamId: 1234, wireFormat: 'binary', radioMode: 'api', source: 'test', record: { folder, kind: 'simulator' } });
    nominal.chunks.forEach((chunk, i) => station.ingest(encodeXbeeFrame({ kind: 'rx64', source64: '0013a20041cf05cc', rssi: -60 - (i % 30), options: 0, data: chunk.bytes }), nominal.startedAt + chunk.receivedAt));
    station.close();
    const { html, figures } = await report('api-mode', [folder]);
    const [flight] = figures;
    expect(flight!.signal).toMatchObject({ weakest: -89 });
    expect(flight!.signal!.median).toBeLessThan(-60);
    expect(flight!.apogee!.altitude).toBeGreaterThan(840);
    const page = await open(html, 'report-api-mode.png');
    expect(page.errors).toEqual([]);
    expect(page.text).toMatch(/Signal \(XBee API mode\)\s+median -\d+ dBm, weakest -89 dBm/);
    expect(page.text).toContain('Signal at the ground radio (RSSI)');
  }, 60_000);

  it('compares several flights side by side and overlaid', async () => {
    const { html, figures } = await report('classroom', ['nominal', 'parachute-failure', 'high-wind'].map((n) => join(CLASSROOM, n)));
    expect(figures.map((f) => f.name)).toEqual(['nominal', 'parachute-failure', 'high-wind']);
    const page = await open(html, 'report-classroom.png');
    expect(page.errors).toEqual([]);
    expect(page.columns).toBe(3);
    // The high wind carries it farthest; each landing point is where the simulator put it.
    const [nominal, , windy] = figures;
    expect(windy!.drift!.distance).toBeGreaterThan(2 * nominal!.drift!.distance);
    for (const [i, name] of ['nominal', 'parachute-failure', 'high-wind'].entries()) {
      const truth = flySummary({ ...(await loadScenario(name)), padWait: 20 }, { kind: 'fraction', fraction: 0.8 });
      expect(Math.abs(figures[i]!.drift!.distance - truth.driftDistance) / truth.driftDistance, name).toBeLessThan(0.1);
    }
  }, 60_000);

  it('says what is wrong with its input, and exits accordingly', async () => {
    await expect(run(process.execPath, [BIN, 'report', join(CLASSROOM, 'nominal')])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/report needs --out/) });
    const empty = join(work, 'empty.csv');
    writeFileSync(empty, '');
    await expect(run(process.execPath, [BIN, 'report', empty, '--out', join(work, 'x.html')])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/empty\.csv: no row of it could be read as telemetry/) });
    const limits = join(work, 'limits.json');
    writeFileSync(limits, JSON.stringify({ descent: { APOGEE: { min: 10, max: 'fast' } } }));
    await expect(run(process.execPath, [BIN, 'report', join(CLASSROOM, 'nominal'), '--out', join(work, 'x.html'), '--limits', limits])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--limits .*limits\.json: \/descent\/APOGEE\/max: Expected number/) });
    writeFileSync(limits, JSON.stringify({ descent: { APOGEE: { min: 10, max: 20 }, PROBE_RELEASE: { min: 3, max: 7 } }, landingSpeed: { max: 7 } }));
    const { stdout } = await run(process.execPath, [BIN, 'report', join(CLASSROOM, 'parachute-failure'), '--out', join(work, 'x.html'), '--limits', limits, '--json']);
    const [flight] = JSON.parse(stdout) as FlightAnalysis[];
    expect(flight!.descent.map((p) => p.withinLimit)).toEqual([false, true]);
    expect(flight!.landing!.withinLimit).toBe(true);
  }, 60_000);

  it.each([
    ['fa', 'rtl', 'گزارش پس از پرواز', 'خلاصه', /NotoSansArabic/],
    ['zh', 'ltr', '飞行后报告', '摘要', /NotoSansCJK/],
  ])('in another language (%s): the page in it, its direction, and a PDF with the script\'s font embedded', async (lang, dir, title, summary, font) => {
    const { html, pdf } = await report(`nominal-${lang}`, [join(CLASSROOM, 'nominal')], lang);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`<html lang="${lang}" dir="${dir}">`);
    const { errors, text } = await open(html, `report-nominal-${lang}.png`);
    expect(errors).toEqual([]);
    expect(text).toContain(title);
    expect(text).toContain(summary);
    // The competition's words stay as they are, beside the language's.
    expect(text).toContain('PROBE_RELEASE');
    expect(isPdf(pdf)).toBe(true);
    // Chromium embeds the fonts that drew the page: the script's own, not a box for every glyph.
    expect(readFileSync(pdf).toString('latin1')).toMatch(font);
  }, 60_000);

  it('refuses a language it does not speak, naming those it does', async () => {
    const failed = await run(process.execPath, [BIN, 'report', join(CLASSROOM, 'nominal'), '--out', join(work, 'x.html'), '--lang', 'xx']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/--lang must be one of en, zh, fa, .* not "xx"/);
  });
});
