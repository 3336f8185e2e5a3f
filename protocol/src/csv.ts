import type { FieldSpec } from './fields.ts';
import { HEADER_FIELDS } from './messages/header.ts';
import type { Telemetry } from './messages/index.ts';
import { TELEMETRY_FIELDS } from './messages/telemetry.ts';

const CSV_FIELDS: readonly FieldSpec[] = [...HEADER_FIELDS, ...TELEMETRY_FIELDS];

/** A field's CSV column name: its name, with its unit in brackets where it has one (`altitude [m]`). */
export function csvColumnName(field: FieldSpec): string {
  return field.kind === 'number' && field.unit !== '' ? `${field.name} [${field.unit}]` : field.name;
}

/** The kit's own telemetry CSV header: every telemetry field in table order, units in the names. */
export function telemetryCsvHeader(): string {
  return CSV_FIELDS.map(csvColumnName).join(',');
}

/** One telemetry CSV row; absent readings are empty cells. */
export function telemetryCsvRow(telemetry: Telemetry): string {
  const record = telemetry as unknown as Record<string, unknown>;
  return CSV_FIELDS.map((field) => {
    const value = record[field.name];
    return value === null || value === undefined ? '' : String(value);
  }).join(',');
}
