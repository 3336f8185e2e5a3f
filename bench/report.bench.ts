import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GroundStation } from '@cansat/ground';
import { encodeFrame, reconstructFlight, type MissionState, type Telemetry } from '@cansat/protocol';
import { telemetry } from '../ground/test/helpers.ts';
import { median, type BenchOptions, type Figure } from './figure.ts';

const run = promisify(execFile);
const BIN = new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname;

/** A flight at 10 Hz: `seconds` long, up to 3000 m, down under a parachute, with its states. */
function flightFrame(i: number, seconds: number) {
  const t = i / 10;
  const ascentEnd = 60;
  const altitude = t < 30 ? 0 : t < ascentEnd ? ((t - 30) / 30) * 3000 : Math.max(0, 3000 - ((t - ascentEnd) / (seconds - ascentEnd - 60)) * 3000);
  const state: MissionState = t < 30 ? 'LAUNCH_PAD' : t < ascentEnd ? 'ASCENT' : altitude > 2400 ? 'DESCENT' : altitude > 0 ? 'PROBE_RELEASE' : 'LANDED';
  // The pressure of the standard atmosphere at the height, from a site 800 m up, as a barometer reads it (0.01 kPa).
  const pressure = Math.round(101.325 * (1 - (0.0065 * (800 + altitude)) / 288.15) ** (1 / 0.190_263) * 100) / 100;
  return telemetry(i, { altitude: Math.round(altitude * 10) / 10, pressure, state, missionTime: i * 100, gpsTime: Math.floor(t) % 86_400, latitude: 37.1677 + t * 1e-6, longitude: -80.579 + t * 2e-6 });
}

/** Rows a second the flight reconstruction reads on one core (in this process), over the same two-hour flight. */
function analysisRate(seconds: number, rounds: number): number {
  const rows: Telemetry[] = Array.from({ length: seconds * 10 }, (_, i) => flightFrame(i + 1, seconds));
  const times = rows.map((_, i) => i / 10);
  reconstructFlight(rows, times);
  const rates: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const started = performance.now();
    const found = reconstructFlight(rows, times);
    rates.push(rows.length / ((performance.now() - started) / 1000));
    if (found.main === null) throw new Error('report bench: the reconstruction found no flight in its own flight');
  }
  return median(rates);
}

/** `cansat-ground report` of a two-hour flight at 10 Hz (72,000 rows), as a user runs it: the HTML, and the PDF. */
export async function reportBench({ quick }: BenchOptions): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'cansat-bench-report-'));
  try {
    const seconds = quick ? 600 : 7200;
    const station = new GroundStation({ teamId: 1234, wireFormat: 'binary', source: 'bench', record: { folder: work, kind: 'simulator' } });
    for (let i = 1; i <= seconds * 10; i++) station.ingest(encodeFrame(flightFrame(i, seconds)), 1_800_000_000_000 + i * 100);
    station.close();
    const html = join(work, 'report.html');
    const times: number[] = [];
    for (let k = 0; k < (quick ? 1 : 3); k++) {
      const started = performance.now();
      await run(process.execPath, [BIN, 'report', work, '--out', html]);
      times.push(performance.now() - started);
    }
    const pdfStarted = performance.now();
    await run(process.execPath, [BIN, 'report', work, '--out', html, '--pdf', join(work, 'report.pdf')]);
    const pdfMs = performance.now() - pdfStarted;
    const scale = 7200 / seconds;
    return [
      { key: 'report.ms', value: median(times) * (quick ? scale : 1), unit: 'ms', target: { op: '<=', value: 2000 }, note: `cansat-ground report of a two-hour 10 Hz flight (72,000 rows), spawn to exit: decode, figures, plots, ${(statSync(html).size / 1024).toFixed(0)} KB of HTML; median of ${times.length}` },
      { key: 'analysis.rowsPerSec', value: analysisRate(seconds, quick ? 1 : 5), unit: 'rows/s', target: { op: '>=', value: 500_000 }, note: 'the flight reconstruction (heights through the altitude filter, flights, findings) of the same flight, in process, one core; median of 5' },
      { key: 'report.pdfMs', value: pdfMs * (quick ? scale : 1), unit: 'ms', note: 'the same with --pdf: chromium started, the page printed to A4' },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
