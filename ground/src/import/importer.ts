import { readCommandEcho, type MissionState, type Telemetry } from '@cansat/protocol';
import { TimeBaseCounter } from '../replay/timeline.ts';
import { columnKey, readState, type ColumnKey, type NameUnit } from '@cansat/protocol';
import { csvRecords, type CsvRecord } from './csv-records.ts';
import { PLAUSIBLE, PRESSURE_UNITS, pressureUnitOf, readClock, readMode, readNumber, type FieldRepair, type PressureUnit } from './field-values.ts';
import { IMPORT_PROFILES, type ImportProfile } from './import-profiles.ts';

/** What an import did, for a person (`formatSummary`) and for scripts (`--json`). */
export interface ImportSummary {
  rowsRead: number;
  rowsImported: number;
  /** Rows not imported, by reason: none without one. */
  rowsDropped: Record<string, number>;
  /** Fields blanked in rows that were kept, by reason. */
  fieldsRepaired: Record<string, number>;
  /** The first rows of each reason (three at most), with their line numbers. */
  examples: { line: number; reason: string; text: string }[];
  profile: { id: string; how: string };
  teamId: number | null;
  pressureUnit: PressureUnit | null;
  /** The magnetometer's unit, judged like the pressure's: gauss, or µT (Earth's field is 0.25-0.65 G, 25-65 µT). */
  magneticUnit: 'gauss' | 'uT' | null;
  timeBase: string;
  /** Each column: its name (the header's, or the profile's) and what the kit reads it as (null: kept as extra). */
  columns: { name: string; key: ColumnKey | null }[];
  /** States written otherwise than the kit names them, and what they were read as. */
  stateAliases: Record<string, MissionState>;
}

/** A row imported: the telemetry, and the values of the columns the kit does not know, in `columns` order. */
export interface ImportedRow {
  line: number;
  telemetry: Telemetry;
  extra: string[];
}

/** The layout an import chose, told before the first row. */
export interface LayoutInfo {
  profileId: string;
  columns: { name: string; key: ColumnKey | null }[];
  teamId: number | null;
}

/** Options of an import. */
export interface ImportOptions {
  /** Told the layout once it is chosen, before the first row. */
  onLayout?: (layout: LayoutInfo) => void;
  /** Whose packets; default: the team whose id most rows carry. */
  teamId?: number;
  /** The file's layout; default: its header, or the best fit of the known layouts for a file without one. */
  profile?: ImportProfile;
}

/** Records looked at before the first row is imported: enough to judge the layout, the team and the units. */
const SAMPLE = 400;
/** Examples kept per reason. */
const EXAMPLES_PER_REASON = 3;

interface Column {
  name: string;
  key: ColumnKey | null;
  unit: NameUnit | null;
}

/** How a file's fields are read: its columns, and what the sample said. */
interface Layout {
  columns: Column[];
  /** State names in the order a numeric STATE counts them. */
  states: readonly string[];
  stateBase: number;
  teamId: number | null;
  pressureUnit: PressureUnit | null;
  magneticUnit: 'gauss' | 'uT';
  packetType: string | null;
  profile: { id: string; how: string };
  hasHeader: boolean;
  headerFirst: string | null;
  /** The header's line: not a row. */
  headerLine: number | null;
}

/**
 * Reads another team's telemetry file (any year's layout, with or without a header, with what real files hold:
 * junk bytes, glued packets, unescaped echoes, status lines, Excel's columns and times) and hands each packet it
 * can read to `onRow` as the kit's telemetry. A field that cannot be read or is out of range is blanked and
 * counted, the row kept; a row that is not a packet is counted with its reason. Streams: memory is the sample and
 * one record, whatever the file's size.
 */
export async function importTelemetry(source: AsyncIterable<Uint8Array | string>, options: ImportOptions, onRow: (row: ImportedRow) => void): Promise<ImportSummary> {
  const summary: ImportSummary = { rowsRead: 0, rowsImported: 0, rowsDropped: {}, fieldsRepaired: {}, examples: [], profile: { id: 'none', how: 'nothing to read' }, teamId: null, pressureUnit: null, magneticUnit: null, timeBase: 'mission time', columns: [], stateAliases: {} };
  const examplesOf = new Map<string, number>();
  const example = (reason: string, record: CsvRecord) => {
    const seen = examplesOf.get(reason) ?? 0;
    if (seen < EXAMPLES_PER_REASON) summary.examples.push({ line: record.line, reason, text: record.text });
    examplesOf.set(reason, seen + 1);
  };
  const drop = (reason: string, record: CsvRecord) => {
    summary.rowsDropped[reason] = (summary.rowsDropped[reason] ?? 0) + 1;
    example(reason, record);
  };
  const sample: CsvRecord[] = [];
  let reader: RowReader | null = null;
  const timeBase = new TimeBaseCounter();
  const handle = (record: CsvRecord) => {
    if (record.line === reader!.layout.headerLine) return;
    for (const part of reader!.split(record)) {
      summary.rowsRead++;
      const result = reader!.read(part);
      if (typeof result === 'string') {
        drop(result, part);
        continue;
      }
      for (const [reason, count] of result.repairs ?? []) {
        summary.fieldsRepaired[reason] = (summary.fieldsRepaired[reason] ?? 0) + count;
        example(`field ${reason}`, part);
      }
      summary.rowsImported++;
      timeBase.add(result.seconds);
      onRow(result.row);
    }
  };
  const begin = (records: CsvRecord[]): RowReader => {
    const chosen = new RowReader(chooseLayout(records, options));
    reader = chosen;
    options.onLayout?.({ profileId: chosen.layout.profile.id, columns: chosen.layout.columns.map(({ name, key }) => ({ name, key })), teamId: chosen.layout.teamId });
    for (const r of records) handle(r);
    return chosen;
  };
  for await (const records of csvRecords(source)) {
    for (const record of records) {
      if (reader) {
        handle(record);
        continue;
      }
      sample.push(record);
      if (sample.length >= SAMPLE) reader = begin(sample.splice(0));
    }
  }
  reader ??= begin(sample.splice(0));
  const layout = reader.layout;
  summary.profile = layout.profile;
  summary.teamId = layout.teamId;
  summary.pressureUnit = layout.columns.some((c) => c.key === 'pressure') ? layout.pressureUnit : null;
  summary.magneticUnit = layout.columns.some((c) => c.key === 'magR') ? layout.magneticUnit : null;
  summary.columns = layout.columns.map(({ name, key }) => ({ name, key }));
  summary.stateAliases = Object.fromEntries(reader.stateAliases);
  summary.timeBase = timeBase.text;
  return summary;
}

/** The names of the columns kept as extra data, in the order ImportedRow.extra holds them. */
export function extraColumnNames(summary: Pick<ImportSummary, 'columns'>): string[] {
  return summary.columns.filter((c) => c.key === null).map((c) => c.name);
}

/** Judges a file's layout, team, state numbering and pressure unit from its first records. */
function chooseLayout(sample: CsvRecord[], options: ImportOptions): Layout {
  const headerAt = sample.slice(0, 20).findIndex(isHeader);
  const teamId = options.teamId ?? commonTeamId(sample);
  let columns: Column[];
  let profile: ImportProfile | null;
  let how: string;
  let hasHeader = false;
  if (options.profile) {
    profile = options.profile;
    columns = profile.columns.map(asColumn);
    how = 'given with --profile';
  } else if (headerAt >= 0) {
    hasHeader = true;
    columns = trimTrailing(sample[headerAt]!.fields).map(asColumn);
    const best = closestProfile(columns);
    profile = best.profile;
    how = `by its header (${columns.filter((c) => c.key).length} of ${columns.length} columns known${best.profile ? `; closest layout ${best.profile.id}, ${best.shared} names shared` : ''})`;
  } else {
    const fit = fitProfile(sample, teamId);
    profile = fit.profile;
    columns = fit.columns;
    how = `no header: by field count and values (${Math.round(fit.score * 100)} % of the sample's fields read${fit.inserted !== null ? `; with an extra column after ${fit.inserted}` : ''})`;
  }
  // A layout without a team-id column (another competition's log, a team's own SD card) says whose it is only by
  // --team: a number voted from its first fields would be a packet count or an hour.
  const teamColumn = columns.some((c) => c.key === 'teamId');
  const layout: Layout = {
    columns,
    teamId: teamColumn ? teamId : (options.teamId ?? null),
    states: profile?.states ?? ['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'PAYLOAD_RELEASE', 'LANDED'],
    stateBase: 0,
    pressureUnit: null,
    magneticUnit: 'gauss',
    packetType: profile?.packetType ?? null,
    profile: { id: profile?.id ?? 'own header', how },
    hasHeader,
    headerFirst: hasHeader ? (sample[headerAt]!.fields[0] ?? null) : null,
    headerLine: hasHeader ? sample[headerAt]!.line : null,
  };
  // What the sample's own values say: numeric states counted from 0 or 1, and the pressure unit.
  const reader = new RowReader(layout);
  const stateTexts: number[] = [];
  const pressures: number[] = [];
  const fields3 = (['magR', 'magP', 'magY'] as const).map((key) => columns.findIndex((c) => c.key === key));
  const magnetic: number[] = [];
  for (const record of sample) {
    for (const part of reader.split(record)) {
      const fields = reader.align(part.fields);
      if (!fields) continue;
      const state = fields[columns.findIndex((c) => c.key === 'state')];
      if (state !== undefined && /^\d+$/.test(state.trim())) stateTexts.push(Number(state));
      const pressure = readNumber(fields[columns.findIndex((c) => c.key === 'pressure')] ?? '');
      if (pressure !== null && pressure > 0) pressures.push(pressure);
      const b = fields3.map((i) => readNumber(fields[i] ?? ''));
      if (b.every((v) => v !== null) && b.some((v) => v !== 0)) magnetic.push(Math.hypot(...(b as number[])));
    }
  }
  // A link of the team's own may carry the layout's packet under another type letter (X where the guide has T): when
  // no sampled packet has the layout's letter, the one most of them have is taken.
  const typeAt = columns.findIndex((c) => c.key === 'packetType');
  if (layout.packetType !== null && typeAt >= 0) {
    const letters = new Map<string, number>();
    for (const record of sample) for (const part of reader.split(record)) {
      const letter = reader.align(part.fields)?.[typeAt]?.trim().toUpperCase();
      if (letter) letters.set(letter, (letters.get(letter) ?? 0) + 1);
    }
    if (letters.size > 0 && !letters.has(layout.packetType)) layout.packetType = [...letters].sort((a, b) => b[1] - a[1])[0]![0];
  }
  magnetic.sort((a, b) => a - b);
  layout.magneticUnit = magnetic.length > 0 && magnetic[Math.floor(magnetic.length / 2)]! > 5 ? 'uT' : 'gauss';
  layout.stateBase = stateTexts.length > 0 && Math.min(...stateTexts) === 0 ? 0 : 1;
  const named = columns.find((c) => c.key === 'pressure')?.unit;
  pressures.sort((a, b) => a - b);
  layout.pressureUnit = named === 'pa' || named === 'hpa' || named === 'kpa' ? named : pressures.length > 0 ? pressureUnitOf(pressures[Math.floor(pressures.length / 2)]!) : 'kpa';
  return layout;
}

const asColumn = (name: string): Column => ({ name: name.trim(), ...columnKey(name) });

/** Fields without the empty ones a trailing comma (or several) adds. */
function trimTrailing(fields: readonly string[]): string[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1]!.trim() === '') end--;
  return fields.slice(0, end);
}

/** A header row: several names the kit knows, a team or packet column among them, and no numbers. */
function isHeader(record: CsvRecord): boolean {
  const keys = record.fields.map((f) => columnKey(f).key);
  const known = keys.filter((k) => k !== null).length;
  return known >= 3 && (keys.includes('teamId') || keys.includes('packetCount')) && !record.fields.some((f) => readNumber(f) !== null);
}

/** The team id most records carry (an integer 1-65535 at a record's start, junk before it passed over). */
function commonTeamId(sample: CsvRecord[]): number | null {
  const votes = new Map<number, number>();
  for (const { fields } of sample) {
    const first = fields.slice(0, 3).map((f) => f.trim()).find((f) => /^\d{1,5}$/.test(f) && Number(f) > 0 && Number(f) <= 65_535);
    if (first !== undefined) votes.set(Number(first), (votes.get(Number(first)) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [team, count] of votes) if (best === null || count > votes.get(best)!) best = team;
  return best;
}

/** The known layout whose names the header shares most, for its state list and the summary. */
function closestProfile(columns: Column[]): { profile: ImportProfile | null; shared: number } {
  let best: { profile: ImportProfile | null; shared: number } = { profile: null, shared: 0 };
  for (const profile of IMPORT_PROFILES) {
    const keys = new Set(profile.columns.map((n) => columnKey(n).key ?? n));
    const shared = columns.filter((c) => keys.has(c.key ?? c.name.toUpperCase())).length - Math.abs(profile.columns.length - columns.length) / 4;
    if (shared > best.shared) best = { profile, shared: Math.round(shared) };
  }
  return best;
}

/**
 * For a file without a header: the known layout that reads the most of the sample's fields, trying each as it
 * is and with one extra column (Excel's, a team's own) at each place; the echo at the end takes any surplus.
 */
function fitProfile(sample: CsvRecord[], teamId: number | null): { profile: ImportProfile | null; columns: Column[]; score: number; inserted: string | null } {
  let best: { profile: ImportProfile | null; columns: Column[]; score: number; inserted: string | null } = { profile: null, columns: [], score: 0, inserted: null };
  for (const profile of IMPORT_PROFILES) {
    const base = profile.columns.map(asColumn);
    for (let at = -1; at < base.length; at++) {
      const columns = at < 0 ? base : [...base.slice(0, at + 1), { name: `EXTRA_${at + 2}`, key: null, unit: null }, ...base.slice(at + 1)];
      const layout: Layout = { columns, states: profile.states ?? [], stateBase: 1, teamId, pressureUnit: 'kpa', magneticUnit: 'gauss', packetType: profile.packetType ?? null, profile: { id: profile.id, how: '' }, hasHeader: false, headerFirst: null, headerLine: null };
      // An inserted column must earn its place: it must read 5 % more of the fields than the layout as it is.
      const score = scoreLayout(new RowReader(layout), sample) - (at < 0 ? 0 : 0.05);
      if (score > best.score) best = { profile, columns, score, inserted: at < 0 ? null : base[at]!.name };
    }
  }
  return best;
}

/** The share of the sample's fields a layout reads as plausible values of their columns. */
function scoreLayout(reader: RowReader, sample: CsvRecord[]): number {
  let good = 0;
  let total = 0;
  for (const record of scoredRecords(sample)) {
    for (const part of reader.split(record)) {
      const fields = reader.align(part.fields);
      // Fields the layout leaves unexplained count against it: a short layout must not fit a long row.
      total += Math.max(reader.layout.columns.length, fields?.length ?? 0);
      if (!fields) continue;
      reader.layout.columns.forEach((column, i) => {
        if (plausible(column.key, fields[i] ?? '', reader.layout)) good++;
      });
    }
  }
  return total === 0 ? 0 : good / total;
}

/** Records scored: the first 30, and the 30 longest (a log whose first minutes are status lines still shows its packets). */
const scored = new WeakMap<CsvRecord[], CsvRecord[]>();
function scoredRecords(sample: CsvRecord[]): CsvRecord[] {
  let chosen = scored.get(sample);
  if (!chosen) {
    const first = sample.slice(0, 30);
    const longest = sample.slice(30).map((record, i) => ({ record, i })).sort((a, b) => b.record.fields.length - a.record.fields.length || a.i - b.i).slice(0, 30).map((x) => x.record);
    chosen = [...first, ...longest];
    scored.set(sample, chosen);
  }
  return chosen;
}

/** Whether a field fits its column: what scoring a layout counts. */
function plausible(key: ColumnKey | null, text: string, layout: Layout): boolean {
  const t = text.trim();
  switch (key) {
    case null:
      return t === '' || readNumber(t) !== null || /^[A-Za-z_]+$/.test(t);
    case 'teamId':
      return layout.teamId === null ? /^\d+$/.test(t) : Number(t) === layout.teamId;
    case 'packetCount':
      return /^\d+$/.test(t);
    case 'missionTime':
    case 'gpsTime':
      return typeof readClock(t) === 'number' && t.includes(':');
    case 'mode':
      return readMode(t) !== null;
    case 'state':
      return readState(t, layout.states, 1) !== null && !/^\d+$/.test(t);
    case 'packetType':
      return /^[A-Z]\d?$/.test(t);
    case 'cmdEcho':
      return readCommandEcho(t) !== null || /^CMD/i.test(t);
    default: {
      const value = readNumber(t);
      if (value === null) return false;
      if (key === 'pressure') return value > 0;
      const bounds = PLAUSIBLE[key];
      return bounds === undefined || (value >= bounds[0] && value <= bounds[1]);
    }
  }
}

/** Reads records as rows of one layout. */
class RowReader {
  readonly stateAliases = new Map<string, MissionState>();
  private readonly index: Partial<Record<ColumnKey, number>> = {};
  private readonly echoAt: number;
  private lastSeconds: number | null = null;
  private lastState: MissionState = 'LAUNCH_PAD';

  constructor(readonly layout: Layout) {
    layout.columns.forEach((column, i) => {
      if (column.key !== null && this.index[column.key] === undefined) this.index[column.key] = i;
    });
    this.echoAt = this.index.cmdEcho ?? -1;
    this.extraAt = layout.columns.flatMap((column, i) => (column.key === null ? [i] : []));
    // Each numeric column once: where it is, its bounds, and what turns the file's unit into the kit's.
    this.numeric = NUMERIC_KEYS.flatMap((key) => {
      const index = this.index[key];
      if (index === undefined) return [];
      const [min, max] = PLAUSIBLE[key]!;
      const magnetic = key === 'magR' || key === 'magP' || key === 'magY';
      const scale = key === 'pressure' ? PRESSURE_UNITS[layout.pressureUnit ?? 'kpa'] : magnetic && layout.magneticUnit === 'uT' ? 0.01 : 1;
      return [{ key, index, min, max, scale }];
    });
  }

  /** Echo texts seen, read once each: a flight repeats the same few thousands of times. */
  private readonly echoes = new Map<string, ReturnType<typeof readCommandEcho>>();

  private echoOf(text: string): ReturnType<typeof readCommandEcho> {
    let echo = this.echoes.get(text);
    if (echo === undefined) {
      echo = readCommandEcho(text);
      if (this.echoes.size < 10_000) this.echoes.set(text, echo);
    }
    return echo;
  }

  private readonly extraAt: number[];
  private readonly numeric: { key: string; index: number; min: number; max: number; scale: number }[];

  /**
   * A record as the packets it holds: usually itself; several when packets were glued on one line (the next
   * TEAM_ID fused to the last field: `…,03130,0:4:4,…`, or marked `$1070` inside a field). Each part is a row.
   */
  split(record: CsvRecord): CsvRecord[] {
    const team = this.layout.teamId;
    if (team === null) return [record];
    const id = String(team);
    const mark = `$${id}`;
    const fields = record.fields;
    // A packet starting inside a field: "…,0.0000$1070,05:04:23,…" (a `$` start mark), or glued without one when
    // the record is far longer than a packet ("…,03130,0:4:4,1872,…").
    let marked = false;
    // The record's text (its first 200 characters) answers for a short record without looking at each field.
    if (record.text.length >= 200 || record.text.includes('$')) for (const f of fields) if (f.indexOf(mark) > 0) marked = true;
    const long = fields.length >= this.layout.columns.length * 1.5;
    if (!marked && !long) return [record];
    const cuts: { at: number; before: string }[] = [];
    for (let i = 1; i < fields.length - 2; i++) {
      const f = fields[i]!.trim();
      const where = f.indexOf(mark);
      if (where > 0 && f.endsWith(mark)) cuts.push({ at: i, before: f.slice(0, where) });
      else if (long && f.endsWith(id) && /^\d+$/.test(f) && isClock(fields[i + 1]!) && /^\d+$/.test(fields[i + 2]!.trim())) cuts.push({ at: i, before: f.slice(0, -id.length) });
    }
    if (cuts.length === 0) return [record];
    const parts: CsvRecord[] = [];
    let start = 0;
    let head: string[] = [];
    for (const cut of [...cuts, { at: fields.length, before: '' }]) {
      const own = [...head, ...fields.slice(start, cut.at)];
      if (cut.at < fields.length) own.push(cut.before);
      if (own.some((f) => f.trim() !== '')) parts.push({ line: record.line, fields: own, text: record.text });
      head = [id];
      start = cut.at + 1;
    }
    return parts;
  }

  /**
   * The fields in the layout's columns, or null when they cannot be: leading junk before TEAM_ID dropped, the
   * trailing commas cut, an echo written with its commas joined again, missing columns left empty.
   */
  align(raw: readonly string[]): string[] | null {
    let fields = raw.map((f) => f.trim());
    const width = this.layout.columns.length;
    const team = this.layout.teamId;
    const teamAt = this.index.teamId;
    // Junk before the packet (a NUL byte and a comma, the end of a packet cut at the start of the log).
    if (team !== null && teamAt === 0 && fields[0]?.trim() !== String(team)) {
      const start = fields.slice(0, 3).findIndex((f) => f.trim() === String(team));
      if (start > 0) fields = fields.slice(start);
    }
    // A packet split out of a row starts at its TEAM_ID, where the file has columns before it (a host time).
    if (team !== null && teamAt !== undefined && teamAt > 0 && fields[0]?.trim() === String(team) && fields[teamAt]?.trim() !== String(team)) {
      fields = [...new Array<string>(teamAt).fill(''), ...fields];
    }
    while (fields.length > width && fields[fields.length - 1]!.trim() === '') fields.pop();
    if (fields.length > width && this.echoAt >= 0) {
      // The echo took commas of its own (CMD,1093,CX,ON): back in one field. What follows it is the team's own.
      const span = Math.min(echoSpan(fields, this.echoAt), fields.length - width + 1);
      if (span > 1) fields.splice(this.echoAt, span, fields.slice(this.echoAt, this.echoAt + span).join(','));
    }
    while (fields.length < width) fields.push('');
    return fields;
  }

  /** One packet as telemetry, or why it is not one. */
  read(record: CsvRecord): { row: ImportedRow; repairs: Map<FieldRepair | string, number> | null; seconds: number | null } | string {
    const raw = record.fields;
    const fields = this.align(raw);
    if (!fields) return 'unreadable-row';
    // One pass over the (trimmed) fields: how many hold something, and how many -1 (the dropout some stations write).
    let filled = 0;
    let minusOnes = 0;
    for (const t of fields) {
      if (t !== '') filled++;
      if (t === '-1') minusOnes++;
    }
    if (filled === 0) return 'empty-row';
    if (this.layout.hasHeader && fields[0] === this.layout.headerFirst?.trim()) return 'header-repeated';
    const at = this.index;
    const get = (key: ColumnKey) => (at[key] === undefined ? '' : (fields[at[key]!] ?? ''));
    const teamless = at.teamId === undefined;
    const teamText = teamless ? String(this.layout.teamId ?? '') : get('teamId');
    const countText = get('packetCount');
    if (teamText === '' && countText === '' && !teamless) return raw.some((f) => /[A-Za-z]/.test(f)) ? 'status-message' : 'no-packet';
    if (filled < Math.min(6, this.layout.columns.length) || raw.length < this.layout.columns.length * 0.6) return 'partial-packet';
    // A file with no team-id column is the team's that --team names; without it, nobody's.
    if (teamless && this.layout.teamId === null) return 'no-team-id-column';
    const team = readNumber(teamText);
    if (team === null || !Number.isInteger(team)) return 'no-team-id';
    // Another team's packet has a time and a count where they belong; a cut one does not.
    if (this.layout.teamId !== null && team !== this.layout.teamId) return isClock(get('missionTime')) && /^\d+$/.test(countText) ? 'other-team' : 'partial-packet';
    const count = readNumber(countText);
    if (count === null || !Number.isInteger(count) || count < 0) return 'no-packet-count';
    const type = get('packetType');
    if (this.layout.packetType !== null && type !== '' && type.toUpperCase() !== this.layout.packetType) return `other-packet-type`;

    let repairs: Map<string, number> | null = null;
    const repaired = (reason: FieldRepair) => (repairs ??= new Map()).set(reason, (repairs.get(reason) ?? 0) + 1);
    const dropout = minusOnes >= 5;
    // Every field in one literal: one shape for every row (adding them one by one makes each row a slow dictionary).
    const out: Record<string, unknown> = {
      type: 'telemetry', teamId: team, packetCount: count, missionTime: 0, mode: 'flight', state: 'LAUNCH_PAD',
      altitude: null, temperature: null, pressure: null, voltage: null, current: null, gyroR: null, gyroP: null, gyroY: null,
      accelR: null, accelP: null, accelY: null, magR: null, magP: null, magY: null, gpsTime: null, gpsAltitude: null,
      latitude: null, longitude: null, gpsSats: null, cmdEcho: null, health: 0, faults: 0, rejects: 0,
    };
    // Mission time: an unreadable one takes the last row's (the row stays in order).
    const timeText = get('missionTime');
    const clock = readClock(timeText);
    let seconds: number | null = null;
    if (typeof clock === 'number') {
      seconds = clock;
      this.lastSeconds = clock;
    } else if (timeText !== '') {
      repaired(clock);
    }
    out['missionTime'] = Math.round((seconds ?? this.lastSeconds ?? 0) * 1000);
    const modeText = get('mode');
    const mode = readMode(modeText);
    if (mode === null && modeText !== '') repaired('unreadable');
    out['mode'] = mode ?? 'flight';
    const stateText = get('state');
    const state = stateText === '' ? null : readState(stateText, this.layout.states, this.layout.stateBase);
    if (state) {
      this.lastState = state.state;
      if (state.alias !== null) this.stateAliases.set(state.alias, state.state);
    } else if (stateText !== '') {
      repaired('unknown-state');
    }
    out['state'] = state?.state ?? this.lastState;
    for (const { key, index, min, max, scale } of this.numeric) {
      const text = fields[index] ?? '';
      if (text === '') continue;
      let value = readNumber(text);
      if (value === null) {
        repaired('unreadable');
      } else if (dropout && value === -1) {
        repaired('dropout-value');
        value = null;
      } else {
        value *= scale;
        if (value < min || value > max) {
          repaired('out-of-range');
          value = null;
        }
      }
      out[key] = value;
    }
    const gpsText = get('gpsTime');
    const gps = gpsText === '' ? null : readClock(gpsText);
    if (typeof gps === 'number') out['gpsTime'] = Math.floor(gps);
    else {
      out['gpsTime'] = null;
      if (gps !== null) repaired(gps);
    }
    // No fix written as zeros: latitude and longitude both 0 is the Gulf of Guinea, not a launch field.
    if (out['latitude'] === 0 && out['longitude'] === 0) {
      for (const key of ['latitude', 'longitude', 'gpsAltitude', 'gpsTime', 'gpsSats']) if (out[key] !== null) repaired('no-fix-zeros');
      Object.assign(out, { latitude: null, longitude: null, gpsAltitude: null, gpsTime: null, gpsSats: null });
    }
    const echo = get('cmdEcho');
    out['cmdEcho'] = echo === '' ? null : this.echoOf(echo);
    const extra = this.extraAt.map((i) => fields[i] ?? '');
    if (this.echoAt < 0 && fields.length > this.layout.columns.length) extra.push(...fields.slice(this.layout.columns.length));
    return { row: { line: record.line, telemetry: out as unknown as Telemetry, extra }, repairs, seconds };
  }
}

/** A time of day written with colons. */
const isClock = (text: string) => text.includes(':') && typeof readClock(text) === 'number';

/** Arguments after each command word, as the guides define the commands. */
const COMMAND_ARGUMENTS: Record<string, number> = { CX: 1, ST: 1, SIM: 1, SIMP: 1, CAL: 0, MEC: 2, BCN: 1, RATE: 1 };

/**
 * How many fields an echo written with its commas takes from `at`: `CMD,<team>,<word>,<arguments>`, or the word
 * and its arguments alone; a second echo fused to the last argument (`93742CMD,1093,SIMP,93799`) too.
 */
function echoSpan(fields: readonly string[], at: number): number {
  let i = at;
  if (fields[i]?.trim().toUpperCase() === 'CMD') {
    i++;
    if (/^\d+$/.test(fields[i]?.trim() ?? '')) i++;
  }
  const word = fields[i]?.trim().toUpperCase() ?? '';
  const args = COMMAND_ARGUMENTS[word];
  if (args === undefined) return Math.max(1, i - at + (word === '' ? 0 : 1));
  i += 1 + args;
  const last = fields[i - 1]?.trim().toUpperCase() ?? '';
  if (last.endsWith('CMD') && last !== 'CMD') return i - at + echoSpan(['CMD', ...fields.slice(i)], 0) - 1;
  return Math.min(i, fields.length) - at;
}

/** The numeric telemetry fields an import reads, each checked against PLAUSIBLE. */
const NUMERIC_KEYS = Object.keys(PLAUSIBLE) as (keyof typeof PLAUSIBLE & ColumnKey)[];
