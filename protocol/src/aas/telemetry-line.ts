import { numberRange, unitsPerValue, type FieldSpec, type NumberField } from '../fields.ts';
import { HEADER_FIELDS } from '../messages/header.ts';
import type { Telemetry } from '../messages/index.ts';
import { TELEMETRY_FIELDS } from '../messages/telemetry.ts';
import { COMMAND_ECHOES, type CommandEcho } from '../commands.ts';
import { MISSION_STATES } from '../mission.ts';
import { formatHms, parseHms } from '../time-of-day.ts';
import type { AasColumn, AasProfile } from './profile.ts';

/** Why an AAS line was rejected. */
export type AasLineError = 'bad-length' | 'bad-field-count' | 'wrong-team' | 'bad-value' | 'out-of-range';

/** Every AAS line rejection reason, for counters. */
export const AAS_LINE_ERRORS: readonly AasLineError[] = ['bad-length', 'bad-field-count', 'wrong-team', 'bad-value', 'out-of-range'];

export type AasLineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: AasLineError; readonly detail: string };

/** Longest line accepted, terminator excluded; a 2025 line with every field is about 150 characters. */
export const MAX_AAS_LINE = 1024;

const NUMBER_FIELDS = new Map<string, NumberField>(
  [...HEADER_FIELDS, ...TELEMETRY_FIELDS].filter((f): f is Extract<typeof f, { kind: 'number' }> => f.kind === 'number').map((f) => [f.name, f]),
);

type Record_ = Record<string, unknown>;

/**
 * Formats one telemetry line of `profile`, ending in a carriage return as the guide requires. Absent readings are
 * empty fields. `extra` fields, if any, follow after `,,` (the guide's optional data).
 */
export function formatTelemetryLine(telemetry: Telemetry, profile: AasProfile, extra: readonly string[] = []): string {
  const fields = profile.columns.map((column) => formatColumn(column, telemetry));
  const line = extra.length > 0 ? `${fields.join(',')},,${extra.join(',')}` : fields.join(',');
  return `${line}\r`;
}

function formatColumn(column: AasColumn, t: Telemetry): string {
  const record = t as unknown as Record_;
  switch (column.kind) {
    case 'number': {
      const value = record[column.field] as number | null;
      return value === null ? '' : fixed(value * (column.scale ?? 1), column.decimals);
    }
    case 'time':
      if (column.field === 'missionTime') return formatHms(t.missionTime / 1000);
      return t.gpsTime === null ? '' : formatHms(t.gpsTime);
    case 'label':
      return column.labels[column.field === 'mode' ? t.mode : t.state] ?? '';
    case 'echo':
      return t.cmdEcho ?? '';
    case 'flag':
      return MISSION_STATES.indexOf(t.state) >= MISSION_STATES.indexOf(column.from) ? column.yes : column.no;
    case 'tilt': {
      const tilt = tiltDegrees(t, column.axis);
      return tilt === null ? '' : fixed(tilt, column.decimals);
    }
    case 'blank':
      return '';
  }
}

/** `value` with fixed decimals, never "-0.0" (a reading that rounds to zero has no sign). */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  // Never "-0.0": only a text starting with "-" needs the look.
  return text.charCodeAt(0) === 45 && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Tilt about one axis from the accelerometer's gravity vector, in degrees; null without acceleration data. */
export function tiltDegrees(t: Pick<Telemetry, 'accelR' | 'accelP' | 'accelY'>, axis: 'x' | 'y'): number | null {
  const { accelR: x, accelP: y, accelY: z } = t;
  if (x === null || y === null || z === null) return null;
  const rad = axis === 'x' ? Math.atan2(y, Math.hypot(x, z)) : Math.atan2(-x, Math.hypot(y, z));
  return (rad * 180) / Math.PI;
}

/** Options of parseTelemetryLine. */
export interface AasParseOptions {
  /** Accept only this team's lines; default: any. */
  teamId?: number;
}

/** A parsed telemetry line: the telemetry and any optional data after `,,`. */
export interface AasTelemetryLine {
  telemetry: Telemetry;
  extra: string[];
}

/**
 * Parses one line (CR, LF, CRLF and spaces around fields tolerated). Fields the profile does not carry are null,
 * and the kit's own counters (health, faults, rejects) are 0. `checkProfile` makes sure a profile carries the
 * header fields (team, mission time, packet count, mode, state). Never throws.
 */
export function parseTelemetryLine(line: string, profile: AasProfile, options: AasParseOptions = {}): AasLineResult<AasTelemetryLine> {
  const text = line.replace(/[\r\n]+$/, '');
  if (text.length > MAX_AAS_LINE) return fail('bad-length', `${text.length} characters`);
  const fields = text.split(',').map((f) => f.trim());
  const count = profile.columns.length;
  if (fields.length < count || (fields.length > count && fields[count] !== '')) {
    return fail('bad-field-count', `${fields.length} fields, expected ${count}`);
  }
  const out: Record_ = { type: 'telemetry', health: 0, faults: 0, rejects: 0, cmdEcho: null };
  for (const f of TELEMETRY_FIELDS as readonly FieldSpec[]) if (f.kind === 'number' && f.nullable) out[f.name] = null;
  for (let i = 0; i < count; i++) {
    const error = parseColumn(profile.columns[i]!, fields[i]!, out);
    if (error !== null) return error;
  }
  if (options.teamId !== undefined && out['teamId'] !== options.teamId) return fail('wrong-team', `team ${String(out['teamId'])}`);
  return { ok: true, value: { telemetry: out as unknown as Telemetry, extra: fields.slice(count + 1) } };
}

function parseColumn(column: AasColumn, text: string, out: Record_): AasLineResult<never> | null {
  switch (column.kind) {
    case 'number': {
      if (column.readBack === false) return null;
      const field = NUMBER_FIELDS.get(column.field)!;
      if (text === '') return field.nullable ? null : fail('bad-value', `${column.name} is empty`);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return fail('bad-value', `${column.name} "${text}" is not a number`);
      const perUnit = unitsPerValue(field.resolution);
      const value = Math.round((Number(text) / (column.scale ?? 1)) * perUnit) / perUnit;
      const [min, max] = numberRange(field);
      if (value < min || value > max) return fail('out-of-range', `${column.name} ${text} outside ${min}..${max}`);
      out[column.field] = value;
      return null;
    }
    case 'time': {
      if (text === '' && column.field === 'gpsTime') return null;
      const seconds = parseHms(text);
      if (seconds === null) return fail('bad-value', `${column.name} "${text}" is not hh:mm:ss`);
      out[column.field] = column.field === 'missionTime' ? Math.round(seconds * 1000) : Math.floor(seconds);
      return null;
    }
    case 'label': {
      const value = Object.keys(column.labels).find((key) => column.labels[key] === text);
      if (value === undefined) return fail('bad-value', `${column.name} "${text}" is not one of ${Object.values(column.labels).join('/')}`);
      out[column.field] = value;
      return null;
    }
    case 'echo':
      out['cmdEcho'] = readCommandEcho(text);
      return null;
    case 'flag':
    case 'tilt':
    case 'blank':
      // Derived from other fields, or carried by none: nothing to read back.
      return null;
  }
}

/**
 * Reads an echo, also as other ground stations write it: with its argument (SIMP101325, ST13:02:11), with
 * separators (CX/ON, "CX ON"), as the whole command line (CMD,1093,CX,ON), or two fused (the last counts).
 */
export function readCommandEcho(text: string): CommandEcho | null {
  let upper = text.toUpperCase();
  const line = upper.lastIndexOf('CMD,');
  if (line >= 0) upper = upper.slice(line + 4).replace(/^\d+,/, '');
  upper = upper.replace(/[\s,/"_]/g, '');
  if ((COMMAND_ECHOES as readonly string[]).includes(upper)) return upper as CommandEcho;
  if (/^SIMP[\d.]+$/.test(upper)) return 'SIMP';
  if (/^ST[\d:]+$/.test(upper)) return 'ST';
  if (/^RATE\d+$/.test(upper)) return 'RATE';
  return null;
}

function fail(reason: AasLineError, detail: string): AasLineResult<never> {
  return { ok: false, reason, detail };
}

/** The header row of the profile (the column names), as `Flight_<TEAM_ID>.csv` starts. */
export function telemetryHeaderLine(profile: AasProfile): string {
  return profile.columns.map((c) => c.name).join(',');
}
