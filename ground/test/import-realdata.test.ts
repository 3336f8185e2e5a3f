import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTelemetry } from '../src/import/importer.ts';

const FOLDER = new URL('../../test/fixtures/realdata/telemetry/', import.meta.url).pathname;

/**
 * Every real file other teams' ground stations and flight computers wrote (test/fixtures/realdata/README.md lists
 * each one's quirks), as the importer reads it: the layout it chose, rows read and imported, rows left out by
 * reason, and the peak altitude, which the README gives for the flights (it shows the columns were read right).
 */
const EXPECTED: Record<string, { team: number; profile: string; read: number; imported: number; dropped: Record<string, number>; peak: number }> = {
  '2021-TAMU-Flight_2992_C_at_366d43d.csv': { team: 2992, profile: 'aas-2021-container', read: 89, imported: 89, dropped: {}, peak: 717.8 },
  '2022-Cansat2023GUI-container.csv': { team: 1095, profile: 'aas-2022-container', read: 768, imported: 768, dropped: {}, peak: 670 },
  '2022-soton-Flight_1032_C_FIN.csv': { team: 1032, profile: 'aas-2022-container', read: 270, imported: 270, dropped: {}, peak: 920.8 },
  '2022-soton-output2.txt': { team: 1032, profile: 'aas-2022-payload', read: 75, imported: 75, dropped: {}, peak: 265.8 },
  '2023-ufGators-backup_data.csv': { team: 1071, profile: 'aas-2023', read: 120, imported: 120, dropped: {}, peak: 1714 },
  '2024-UoM-VerifiedGCS-Flight_2045.csv': { team: 2045, profile: 'aas-2024', read: 482, imported: 482, dropped: {}, peak: 320.5 },
  '2024-team-astro-vac_test.csv': { team: 2043, profile: 'aas-2024', read: 584, imported: 584, dropped: {}, peak: 776.57 },
  '2025-RSX-CANSAT-2025-cansat_data.EXCERPT-first18lines.csv': { team: 3114, profile: 'aas-2025', read: 17, imported: 2, dropped: { 'status-message': 15 }, peak: 3276.1 },
  '2025-UoM-GCS_2025-14-09-56_02-06-2025.csv': { team: 3130, profile: 'aas-2025', read: 45, imported: 44, dropped: { 'partial-packet': 1 }, peak: 22.8 },
  '2025-UoM-GCS_2025-22-58-23_02-06-2025.csv': { team: 3130, profile: 'aas-2025', read: 3311, imported: 3310, dropped: { 'partial-packet': 1 }, peak: 78.3 },
  '2025-UoM-GCS_2025-main_board_sd_log_trimmed.csv': { team: 3130, profile: 'aas-2025', read: 112, imported: 112, dropped: {}, peak: 660 },
  '2026-SPACE-Yonsei-gs_20260508_050412.csv': { team: 1070, profile: 'aas-2025', read: 20, imported: 16, dropped: { 'partial-packet': 4 }, peak: 58.81 },
  '2026-Vortex-Vortex_1093.csv': { team: 1093, profile: 'aas-2026-teams', read: 1405, imported: 1405, dropped: {}, peak: 195.71 },
  '2026-Vortex-Vortex_1093_Drop.csv': { team: 1093, profile: 'aas-2026-teams', read: 456, imported: 155, dropped: { 'empty-row': 301 }, peak: 2.23 },
  '2026-Vortex-Vortex_1093_Vacuum.csv': { team: 1093, profile: 'aas-2026-teams', read: 124, imported: 124, dropped: {}, peak: 1638.91 },
};

/** Rows that hold no whole packet: nothing a station could have imported from them. */
const NOT_A_PACKET = ['empty-row', 'status-message', 'partial-packet'];

describe('importing every real file in test/fixtures/realdata/telemetry', () => {
  it('knows every file there', () => {
    expect(readdirSync(FOLDER).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    let peak = Number.NEGATIVE_INFINITY;
    const lines = new Set<number>();
    const summary = await importTelemetry(createReadStream(join(FOLDER, name)), {}, (row) => {
      if (row.telemetry.altitude !== null) peak = Math.max(peak, row.telemetry.altitude);
      lines.add(row.line);
    });
    expect({ team: summary.teamId, profile: summary.profile.id, read: summary.rowsRead, imported: summary.rowsImported, dropped: summary.rowsDropped, peak }).toEqual(expected);
    // Every row is imported or left out with a reason, and each reason has an example with its line.
    const dropped = Object.values(summary.rowsDropped).reduce((a, b) => a + b, 0);
    expect(summary.rowsImported + dropped).toBe(summary.rowsRead);
    for (const reason of Object.keys(summary.rowsDropped)) expect(summary.examples.some((e) => e.reason === reason && e.line > 0)).toBe(true);
    // At least 98 % of the rows that carry a packet are imported.
    const packets = summary.rowsRead - NOT_A_PACKET.reduce((n, reason) => n + (summary.rowsDropped[reason] ?? 0), 0);
    expect(summary.rowsImported / packets).toBeGreaterThanOrEqual(0.98);
  });
});
