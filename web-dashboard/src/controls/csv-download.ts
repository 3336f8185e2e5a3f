import { telemetryCsvHeader, telemetryCsvRow, type Telemetry } from '@cansat/protocol';
import { NUMERIC_FIELDS, TEXT_FIELDS, type TelemetryStore } from '../store/telemetry-store.ts';

/** Downloads the flight this page holds as the kit's CSV (one row per telemetry frame, as received). */
export function downloadCsv(store: TelemetryStore, teamId: number | null): void {
  const rows = [telemetryCsvHeader()];
  const n = store.count;
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = { type: 'telemetry', teamId: teamId ?? 0 };
    for (const name of NUMERIC_FIELDS) {
      const v = store.series.get(name)!.values()[i]!;
      record[name] = Number.isNaN(v) ? null : v;
    }
    for (const name of TEXT_FIELDS) record[name] = store.text.get(name)![i] ?? null;
    rows.push(telemetryCsvRow(record as unknown as Telemetry));
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`${rows.join('\n')}\n`], { type: 'text/csv' }));
  link.download = `telemetry_team${teamId ?? ''}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}
