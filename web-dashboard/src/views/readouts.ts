import { formatHms, TELEMETRY_FIELDS, type Telemetry } from '@cansat/protocol';
import type { GroundPosition } from '@cansat/protocol/station';
import type { MessageKey } from '@cansat/protocol/i18n';
import { distanceAndBearing, type TrackSummary } from './geometry.ts';
import { gloss, t, translator } from '../i18n.ts';
import type { PhysicsView } from '../store/flight-physics.ts';

/** What the big readouts show. */
export interface ReadoutState {
  last: Telemetry | null;
  /** m/s, up positive (see verticalSpeed). */
  verticalSpeed: number | null;
  track: TrackSummary | null;
  /** Where the ground station stands, when the crew said (--station-position). */
  station: GroundPosition | null;
  /** What the pressure says (the flight's reconstruction): its height above the pad now. */
  physics: Pick<PhysicsView, 'source' | 'heightNow'> | null;
}

/** m the team's ALTITUDE may differ from the pressure's height above the pad before the readout shows the latter. */
const ALTITUDE_DISAGREES = 20;

type Field = (typeof TELEMETRY_FIELDS)[number];

/** Why a field is empty, when the reason is known: said instead of a bare dash. */
const WHY_EMPTY: Partial<Record<Field['name'], MessageKey>> = {
  // "mag. roll: no sensor": the magnetometer is missing (an MPU-6050 has none), said in the table's narrow column.
  magR: 'empty.noSensor',
  magP: 'empty.noSensor',
  magY: 'empty.noSensor',
  gpsTime: 'empty.noFix',
  gpsAltitude: 'empty.noFix',
  latitude: 'empty.noFix',
  longitude: 'empty.noFix',
  gpsSats: 'empty.noFix',
  cmdEcho: 'empty.noneYet',
};

/** The meaning of a competition word shown as the wire has it (a state, a mode), in the reader's language. */
function glossOf(field: Field, value: unknown): string {
  if (field.name === 'state' && typeof value === 'string') return gloss(`state.${value}` as MessageKey);
  if (field.name === 'mode' && typeof value === 'string') return gloss(`mode.${value}` as MessageKey);
  return '';
}

/** Digits after the point: those the wire carries, at most 6 (a latitude's 7th is 1 cm). */
const decimals = (resolution: number) => Math.min(6, Math.max(0, Math.round(-Math.log10(resolution))));

/** A field's value as text, in its unit's usual form (GPS time as hh:mm:ss UTC). */
export function formatField(field: Field, value: unknown): string {
  if (value === null || value === undefined) return WHY_EMPTY[field.name] ? t(WHY_EMPTY[field.name]!) : '—';
  if (field.kind !== 'number') return String(value);
  if (field.name === 'gpsTime') return formatHms(value as number);
  return translator.value(value as number, decimals(field.resolution));
}

/** A field's unit as shown beside its value: GPS time is shown as a UTC clock, not in seconds. */
const unitOf = (f: Field) => (f.name === 'gpsTime' ? 'UTC' : 'unit' in f ? f.unit : '');

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fields the big readouts show; the table has the others. */
const IN_READOUTS: readonly string[] = ['altitude', 'voltage', 'current', 'latitude', 'longitude', 'gpsSats'];

/**
 * Every telemetry field as text with its unit (AAS G5/G6): the big readouts' six, and one table row for each of the
 * others, in the wire's order. Built once; each frame only changes the values (`data-telemetry` names the field).
 */
export function renderFieldTable(root: HTMLElement, last: Telemetry | null): void {
  if (!root.querySelector('table')) {
    const rows = TELEMETRY_FIELDS.filter((f) => !IN_READOUTS.includes(f.name)).map(
      (f) => `<tr title="${escape(f.description)}"><th>${t(`field.${f.name}`)}</th><td><b data-telemetry="${f.name}"></b> <span class="unit">${unitOf(f)}</span></td></tr>`,
    ).join('');
    root.innerHTML = `<h2>${t('panel.telemetry')}</h2><table>${rows}</table>`;
  }
  showFields(root, last);
}

/** Writes each `[data-telemetry]` value under `root` that changed. */
function showFields(root: HTMLElement, last: Telemetry | null): void {
  const record = (last ?? {}) as Record<string, unknown>;
  for (const cell of root.querySelectorAll<HTMLElement>('[data-telemetry]')) {
    const field = TELEMETRY_FIELDS.find((f) => f.name === cell.dataset['telemetry'])!;
    const text = last ? formatField(field, record[field.name]) : '—';
    if (cell.textContent !== text) cell.textContent = text;
    const empty = record[field.name] === null || record[field.name] === undefined;
    cell.classList.toggle('empty', empty);
    // "no magnetometer gauss" would mislead: an empty field's unit is hidden.
    const unit = cell.nextElementSibling as HTMLElement | null;
    if (unit?.classList.contains('unit')) {
      unit.hidden = empty;
      // A state or a mode keeps its competition word; its meaning goes where a unit would.
      const meaning = glossOf(field, record[field.name]);
      if (meaning !== '' || field.kind !== 'number') unit.textContent = meaning;
    }
  }
}

/** A big figure worked out here rather than sent: what a crew reads aloud besides the fields. */
const DERIVED: Record<string, (s: ReadoutState) => string> = {
  vspeed: (s) => (s.verticalSpeed === null ? '—' : translator.value(s.verticalSpeed, 1)),
  range: (s) => {
    if (!s.track) return '—';
    const { distance, bearing } = s.station ? distanceAndBearing(s.station, s.track.position) : s.track;
    return `${translator.value(distance, 0)} m ${translator.value(bearing, 0)}°`;
  },
};

/** [field or derived figure, label, unit] in reading order. */
const READOUTS: [string, MessageKey, string][] = [
  ['altitude', 'readout.altitude', 'm'],
  ['vspeed', 'readout.vspeed', 'm/s'],
  ['voltage', 'readout.battery', 'V'],
  ['current', 'readout.current', 'A'],
  ['latitude', 'readout.latitude', '°'],
  ['longitude', 'readout.longitude', '°'],
  ['gpsSats', 'readout.satellites', ''],
  ['range', 'readout.fromLaunch', ''], // "from the station" when its position is known
];

/** The big readouts: altitude, vertical speed, battery, position and where the CanSat is from the launch point. */
export function renderReadouts(root: HTMLElement, s: ReadoutState): void {
  if (!root.querySelector('.readout')) {
    root.innerHTML = READOUTS.map(([key, label, unit]) => {
      const value = key in DERIVED ? `data-readout="${key}"` : `data-telemetry="${key}"`;
      return `<div class="readout"><span class="label">${t(label)}</span><span class="value"><b ${value}></b> <span class="unit">${unit}</span></span></div>`;
    }).join('');
  }
  showFields(root, s.last);
  const rangeLabel = root.querySelector<HTMLElement>('[data-readout="range"]')!.closest('.readout')!.querySelector<HTMLElement>('.label')!;
  rangeLabel.textContent = t(s.station ? 'readout.fromStation' : 'readout.fromLaunch');
  for (const [key, show] of Object.entries(DERIVED)) {
    const cell = root.querySelector<HTMLElement>(`[data-readout="${key}"]`)!;
    const text = show(s);
    if (cell.textContent !== text) cell.textContent = text;
  }
  showHeightAbovePad(root, s);
}

/**
 * A team's ALTITUDE not zeroed on the pad (828 m on the ground) or zeroed wrong: the big readout shows the height
 * above the pad from the pressure instead, says so in its label, and keeps the column's figure in its tooltip.
 */
function showHeightAbovePad(root: HTMLElement, s: ReadoutState): void {
  const cell = root.querySelector<HTMLElement>('[data-telemetry="altitude"]')!;
  const label = cell.closest('.readout')!.querySelector<HTMLElement>('.label')!;
  const column = s.last?.altitude ?? null;
  const height = s.physics?.source === 'pressure' ? s.physics.heightNow : null;
  const instead = height !== null && column !== null && Math.abs(column - height) > ALTITUDE_DISAGREES;
  const labelText = t(instead ? 'readout.heightAbovePad' : 'readout.altitude');
  if (label.textContent !== labelText) label.textContent = labelText;
  if (!instead) {
    cell.removeAttribute('title');
    return;
  }
  cell.textContent = translator.value(height, 1);
  cell.title = t('readout.columnSays', { altitude: translator.value(column, 1) });
}
