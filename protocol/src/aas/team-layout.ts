import { Type, type Static } from '@sinclair/typebox';
import { MISSION_STATES, type MissionState } from '../mission.ts';
import { columnKey, type ColumnKey } from './column-names.ts';
import { readState } from './state-names.ts';
import { checkProfile } from './profiles.ts';
import type { AasColumn, AasProfile } from './profile.ts';

/**
 * A telemetry layout as a team writes it down: the column names in order (the guide's spelling, or the team's:
 * any name `columnKey` knows, with a unit suffix where it differs from the kit's, `PRESSURE_PA`), and the state
 * names in the order a numeric STATE counts them. One file serves every part of the kit: `cansat-ground import
 * --profile`, `cansat-ground live --format FILE`, and the flight program's `wireFormat`.
 */
export const TeamLayout = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    description: Type.String(),
    columns: Type.Array(Type.String({ minLength: 1 }), { minItems: 3 }),
    states: Type.Optional(Type.Array(Type.String(), { description: 'State names in the order numeric states count them, and the names the layout writes' })),
    /** PACKET_TYPE of the packets this layout describes (2021-2022: C container, S1/S2/T payload). */
    packetType: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type TeamLayout = Static<typeof TeamLayout>;

/** Decimals the kit writes each number with (as the guides' own layouts do). */
const DECIMALS: Partial<Record<ColumnKey, number>> = {
  teamId: 0, packetCount: 0, altitude: 1, temperature: 1, pressure: 1, voltage: 1, current: 2, gyroR: 1, gyroP: 1, gyroY: 1,
  accelR: 2, accelP: 2, accelY: 2, magR: 3, magP: 3, magY: 3, gpsAltitude: 1, latitude: 4, longitude: 4, gpsSats: 0,
};

/** A column's unit per kit unit, from the unit its name gives (the kit's: m, °C, kPa, V, A). */
const SCALES: Record<string, number> = { pa: 1000, hpa: 10, kpa: 1 };

/** Which of the layout's state names a kit state is written as: the first that reads back as it, else the kit's name. */
function stateLabels(layout: TeamLayout): Record<MissionState, string> {
  const labels = {} as Record<MissionState, string>;
  for (const state of MISSION_STATES) labels[state] = layout.states?.find((name) => readState(name, [], 0)?.state === state) ?? state;
  return labels;
}

/**
 * The AAS profile that writes and reads a team's layout: numbers in the kit's decimals (scaled to the unit a
 * name gives), times as hh:mm:ss, MODE as F/S, STATE with the layout's names, TILT_X/TILT_Y derived, and every
 * column the kit has no data for written empty. Throws, naming what is missing, when the layout lacks a column
 * every packet needs.
 */
export function layoutProfile(layout: TeamLayout): AasProfile {
  const seen = new Set<string>();
  const columns = layout.columns.map((raw): AasColumn => {
    const name = raw.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'COLUMN';
    const { key, unit } = columnKey(raw);
    const once = key !== null && !seen.has(key);
    if (key !== null) seen.add(key);
    if (key === null || !once) {
      if (/^TILT_?[XY]$/.test(name)) return { name, kind: 'tilt', axis: name.endsWith('X') ? 'x' : 'y', decimals: 2 };
      return { name, kind: 'blank' };
    }
    switch (key) {
      case 'missionTime':
      case 'gpsTime':
        return { name, kind: 'time', field: key };
      case 'mode':
        return { name, kind: 'label', field: 'mode', labels: { flight: 'F', simulation: 'S' } };
      case 'state':
        return { name, kind: 'label', field: 'state', labels: stateLabels(layout) };
      case 'cmdEcho':
        return { name, kind: 'echo' };
      case 'packetType':
        return { name, kind: 'blank' };
      default: {
        const scale = unit ? SCALES[unit] : undefined;
        return { name, kind: 'number', field: key, decimals: DECIMALS[key] ?? 2, ...(scale && scale !== 1 ? { scale } : {}) };
      }
    }
  });
  try {
    return checkProfile({ year: 2026, description: `${layout.id}: ${layout.description}`, columns });
  } catch (error) {
    throw new TypeError(`layout ${layout.id}: ${(error as Error).message.replace(/^AAS profile: /, '')}`);
  }
}
