import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFlight, type FlightAnalysis } from '../src/report/flight-analysis.ts';
import { loadFlight } from '../src/report/flight-data.ts';
import { replayTimes } from '../src/replay/timeline.ts';

/**
 * Every real file with a climb, reconstructed by the report, against the truth worked out here from the file's own
 * physics: the pressure through the standard atmosphere (the ALTITUDE column only where the file has no pressure),
 * one-sample glitches taken out by a median of three, the pad the median of the ten samples before the climb.
 */
const REAL = new URL('../../test/fixtures/realdata/telemetry/', import.meta.url).pathname;

interface Truth {
  liftoff: number | null;
  apogee: number | null;
  landing: number | null;
}

/** m of the standard atmosphere at `kPa`. */
const isa = (kPa: number) => 44_330.77 * (1 - (kPa / 101.325) ** 0.190_263);

function truthOf(rows: { pressure: number | null; altitude: number | null }[], times: number[]): Truth {
  const hasPressure = rows.filter((r) => r.pressure !== null && r.pressure > 30 && r.pressure < 110).length > rows.length / 2;
  const raw = rows.map((r) => (hasPressure ? (r.pressure === null ? Number.NaN : isa(r.pressure)) : (r.altitude ?? Number.NaN)));
  const at = raw.map((_, i) => i).filter((i) => Number.isFinite(raw[i]!));
  const h = at.map((i, k) => [raw[at[Math.max(0, k - 1)]!]!, raw[i]!, raw[at[Math.min(at.length - 1, k + 1)]!]!].sort((a, b) => a - b)[1]!);
  const t = at.map((i) => times[i]!);
  // The climb: 30 m above the ten samples before, held by the next three. A log whose first samples already climb
  // started in the air: no pad in it, heights from the column's own zero.
  const padOf = (k: number) => [...h.slice(Math.max(0, k - 10), k)].sort((a, b) => a - b)[Math.floor(Math.min(k, 10) / 2)]!;
  const inAir = !hasPressure && h.length > 4 && h[0]! < h[1]! && h[1]! < h[2]! && h[2]! < h[3]! && h[3]! - h[0]! > 10;
  let climb = inAir ? 0 : -1;
  for (let k = 3; k + 3 < h.length && climb < 0; k++) if ([0, 1, 2, 3].every((d) => h[k + d]! > padOf(k) + 30)) climb = k;
  if (climb < 0) return { liftoff: null, apogee: null, landing: null };
  const pad = inAir ? 0 : padOf(climb);
  let last = climb;
  while (last > 0 && h[last]! > pad + 10) last--;
  const liftoff = inAir ? null : (t[last]! + t[last + 1]!) / 2;
  let top = climb;
  for (let k = climb; k < h.length; k++) if (h[k]! > h[top]!) top = k;
  const apogee = h.at(-1)! < h[top]! - 30 ? h[top]! - pad : null;
  // The landing: the first sample after the apogee from which the height stays within 15 m for 5 s, or the last
  // sample when the log ends within 10 m of the pad on the way down.
  let landing: number | null = null;
  for (let k = top; k < h.length && landing === null; k++) {
    const window = h.slice(k).filter((_, d) => t[k + d]! - t[k]! <= 5);
    if (t[k + window.length - 1]! - t[k]! >= 4 && Math.max(...window) - Math.min(...window) <= 15 && h[k]! - pad < (h[top]! - pad) / 2) landing = t[k]!;
  }
  if (landing === null && apogee !== null && h.at(-1)! - pad <= 10) landing = t.at(-1)!;
  return { liftoff, apogee, landing };
}

/** What a file holds, by its README: the climbs, and the findings its data must show. */
const CLIMBS: Record<string, { source: FlightAnalysis['heightSource']; findings: FlightAnalysis['findings'][number]['kind'][]; absent?: FlightAnalysis['findings'][number]['kind'][]; touchdown?: false }> = {
  '2021-TAMU-Flight_2992_C_at_366d43d.csv': { source: 'altitude', findings: [] },
  '2022-soton-Flight_1032_C_FIN.csv': { source: 'altitude', findings: ['spike'], absent: ['truncated'] },
  // Simulation mode from 25.9 m up: the log starts in the climb.
  '2022-Cansat2023GUI-container.csv': { source: 'altitude', findings: ['truncated'] },
  // A vacuum chamber let back up slowly (2 m/s and slowing): no touchdown to time.
  '2024-team-astro-vac_test.csv': { source: 'pressure', findings: ['unzeroed-altitude', 'stuck-state'], touchdown: false },
  '2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv': { source: 'pressure', findings: ['stuck-state'], absent: ['unzeroed-altitude', 'truncated'] },
  '2026-Vortex-Vortex_1093_Vacuum.csv': { source: 'pressure', findings: [] },
};

async function analysed(file: string) {
  const flight = await loadFlight(REAL + file);
  const analysis = analyzeFlight(flight);
  const { times: ms } = replayTimes(flight.rows.map((r) => r.data.missionTime / 1000));
  const times = ms.map((t) => t / 1000);
  return { analysis, truth: truthOf(flight.rows.map((r) => r.data), times), times };
}

describe('flights reconstructed from their physics: the real files', () => {
  const table: Record<string, string>[] = [];

  it.each(Object.keys(CLIMBS))('%s: apogee within 3 % or 10 m, liftoff within 2 s, landing within 3 s, its findings', async (file) => {
    const { analysis: a, truth, times } = await analysed(file);
    const expected = CLIMBS[file]!;
    expect(a.heightSource).toBe(expected.source);
    expect(truth.apogee).not.toBeNull();
    // The analysis's times are since its launch; the truth's are the rows' own.
    const rowTime = (since: number) => since + (a.launchAt ?? 0);
    expect(a.apogee).not.toBeNull();
    expect(Math.abs(a.apogee!.altitude - truth.apogee!)).toBeLessThanOrEqual(Math.max(10, 0.03 * truth.apogee!));
    if (truth.liftoff !== null && times[0]! < truth.liftoff - 3) {
      expect(a.launchAt).not.toBeNull();
      expect(Math.abs(a.launchAt! - truth.liftoff)).toBeLessThanOrEqual(2);
    }
    if (truth.liftoff === null) expect(a.launchAt).toBeNull();
    if (truth.landing !== null && expected.touchdown !== false) {
      expect(a.landing).not.toBeNull();
      expect(Math.abs(rowTime(a.landing!.at) - truth.landing)).toBeLessThanOrEqual(3);
    }
    const kinds = new Set(a.findings.map((f) => f.kind));
    for (const kind of expected.findings) expect(kinds, `${file} says ${kind}`).toContain(kind);
    for (const kind of expected.absent ?? []) expect(kinds, `${file} does not say ${kind}`).not.toContain(kind);
    table.push({ file, source: a.heightSource ?? '-', apogee: `${a.apogee!.altitude.toFixed(1)} (truth ${truth.apogee!.toFixed(1)})`, liftoff: `${a.launchAt?.toFixed(1) ?? '-'} (${truth.liftoff?.toFixed(1) ?? '-'})`, landing: `${a.landing ? rowTime(a.landing.at).toFixed(1) : '-'} (${truth.landing?.toFixed(1) ?? '-'})`, findings: [...kinds].join(' ') });
  });

  it('the 2025 launch: the climb in the pressure, not a spike; 660-674 m above the pad at the pressure\'s peak', async () => {
    const { analysis: a } = await analysed('2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv');
    expect(a.apogee!.altitude).toBeGreaterThanOrEqual(655);
    expect(a.apogee!.altitude).toBeLessThanOrEqual(674);
    expect(a.findings.some((f) => f.kind === 'spike' && f.at !== null && f.at < 2)).toBe(false);
    // The team's software never left LAUNCH_PAD: the physics says the rest, and says it is the physics.
    expect(a.states.filter((s) => s.source === 'pressure').map((s) => s.state)).toEqual(['ASCENT', 'APOGEE', 'DESCENT', 'LANDED']);
  });

  it('files with no climb claim no flight, and say what their data did', async () => {
    // Left out: a typed file whose rows repeat a made-up 70 m fall, and the Vortex log whose simulation rows jump to
    // 705 m in one sample and fall from there (a descent with no climb; asserted below).
    const climbless = readdirSync(REAL).filter((f) => /\.(csv|txt)$/.test(f) && !(f in CLIMBS) && f !== '2024-UoM-VerifiedGCS-Flight_2045.csv' && f !== '2026-Vortex-Vortex_1093.csv');
    for (const file of climbless) {
      const { analysis: a, truth } = await analysed(file);
      expect(truth.apogee, file).toBeNull();
      expect(a.apogee, file).toBeNull();
    }
    // A typed file whose ALTITUDE climbs to 1714 m while its pressure moves by 0.4 kPa.
    const { analysis: gators } = await analysed('2023-ufGators-backup_data.csv');
    expect(gators.findings.map((f) => f.kind)).toContain('altitude-without-pressure');
    // Ten sessions appended, the packet count restarting in each.
    const { analysis: vortex } = await analysed('2026-Vortex-Vortex_1093.csv');
    expect(vortex.apogee).toBeNull();
    expect(vortex.findings.filter((f) => f.kind === 'power-cycle').length).toBeGreaterThanOrEqual(9);
    expect(vortex.segments.length).toBeGreaterThanOrEqual(10);
    // Its one-sample "drop" to 196 m is a glitch the filter threw away, not a flight.
    expect(vortex.findings.some((f) => f.kind === 'spike' && /96\.9/.test(f.detail))).toBe(true);
  });

  it('prints the table', () => {
    console.table(table);
    expect(table.length).toBe(Object.keys(CLIMBS).length);
  });
});
