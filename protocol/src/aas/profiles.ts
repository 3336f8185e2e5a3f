import { Value } from '@sinclair/typebox/value';
import { MISSION_STATES, MODES, type MissionState } from '../mission.ts';
import { AasProfile, type AasColumn } from './profile.ts';

const MODE_LABELS = { flight: 'F', simulation: 'S' };

const stateLabels = (labels: Record<MissionState, string>) => labels;

const num = (name: string, field: Extract<AasColumn, { kind: 'number' }>['field'], decimals: number, readBack = true): AasColumn =>
  readBack ? { name, kind: 'number', field, decimals } : { name, kind: 'number', field, decimals, readBack };

const head = (states: Record<MissionState, string>): AasColumn[] => [
  num('TEAM_ID', 'teamId', 0),
  { name: 'MISSION_TIME', kind: 'time', field: 'missionTime' },
  num('PACKET_COUNT', 'packetCount', 0),
  { name: 'MODE', kind: 'label', field: 'mode', labels: MODE_LABELS },
  { name: 'STATE', kind: 'label', field: 'state', labels: states },
];

const gps: AasColumn[] = [
  { name: 'GPS_TIME', kind: 'time', field: 'gpsTime' },
  num('GPS_ALTITUDE', 'gpsAltitude', 1),
  num('GPS_LATITUDE', 'latitude', 4),
  num('GPS_LONGITUDE', 'longitude', 4),
  num('GPS_SATS', 'gpsSats', 0),
];

const imu: AasColumn[] = [
  num('GYRO_R', 'gyroR', 1),
  num('GYRO_P', 'gyroP', 1),
  num('GYRO_Y', 'gyroY', 1),
  num('ACCEL_R', 'accelR', 2),
  num('ACCEL_P', 'accelP', 2),
  num('ACCEL_Y', 'accelY', 2),
  num('MAG_R', 'magR', 3),
  num('MAG_P', 'magP', 3),
  num('MAG_Y', 'magY', 3),
];

/**
 * 2024 (heat-shield probe): no separate payload, so both release states read HS_RELEASE; AIR_SPEED needs a pitot
 * tube the kit does not drive, so it is written empty.
 */
export const AAS_2024: AasProfile = {
  year: 2024,
  description: 'AAS CanSat 2024: heat shield and parachute probe',
  columns: [
    ...head(
      stateLabels({
        LAUNCH_PAD: 'LAUNCH_WAIT',
        ASCENT: 'ASCENT',
        APOGEE: 'ROCKET_SEPARATION',
        DESCENT: 'DESCENT',
        PROBE_RELEASE: 'HS_RELEASE',
        PAYLOAD_RELEASE: 'HS_RELEASE',
        LANDED: 'LANDED',
      }),
    ),
    num('ALTITUDE', 'altitude', 1),
    { name: 'AIR_SPEED', kind: 'blank' },
    { name: 'HS_DEPLOYED', kind: 'flag', from: 'APOGEE', yes: 'P', no: 'N' },
    { name: 'PC_DEPLOYED', kind: 'flag', from: 'PROBE_RELEASE', yes: 'C', no: 'N' },
    num('TEMPERATURE', 'temperature', 1),
    num('VOLTAGE', 'voltage', 1),
    num('PRESSURE', 'pressure', 1),
    ...gps,
    { name: 'TILT_X', kind: 'tilt', axis: 'x', decimals: 2 },
    { name: 'TILT_Y', kind: 'tilt', axis: 'y', decimals: 2 },
    num('ROT_Z', 'gyroY', 1),
    { name: 'CMD_ECHO', kind: 'echo' },
  ],
};

/** The 2025 and 2026 layout; `payloadRelease` names the PAYLOAD_RELEASE state, `afterImu` the year's extra columns. */
function probeMissionColumns(payloadRelease: string, afterImu: AasColumn[]): AasColumn[] {
  return [
    ...head(
      stateLabels({
        LAUNCH_PAD: 'LAUNCH_PAD',
        ASCENT: 'ASCENT',
        APOGEE: 'APOGEE',
        DESCENT: 'DESCENT',
        PROBE_RELEASE: 'PROBE_RELEASE',
        PAYLOAD_RELEASE: payloadRelease,
        LANDED: 'LANDED',
      }),
    ),
    num('ALTITUDE', 'altitude', 1),
    num('TEMPERATURE', 'temperature', 1),
    num('PRESSURE', 'pressure', 1),
    num('VOLTAGE', 'voltage', 1),
    ...imu,
    ...afterImu,
    ...gps,
    { name: 'CMD_ECHO', kind: 'echo' },
  ];
}

/** 2025 (auto-gyro probe). The guide has no PAYLOAD_RELEASE state; the kit's writes as PROBE_RELEASE. */
export const AAS_2025: AasProfile = {
  year: 2025,
  description: 'AAS CanSat 2025: auto-gyro probe',
  // The probe's spin about the vertical axis: the yaw rate, already carried by GYRO_Y.
  columns: probeMissionColumns('PROBE_RELEASE', [num('AUTO_GYRO_ROTATION_RATE', 'gyroY', 0, false)]),
};

/** 2026, the guide's revision c: as 2025 without AUTO_GYRO_ROTATION_RATE (MAG_R/P/Y, no CURRENT), with a PAYLOAD_RELEASE state. */
export const AAS_2026: AasProfile = {
  year: 2026,
  description: 'AAS CanSat 2026 (guide revision c): probe and payload release',
  columns: probeMissionColumns('PAYLOAD_RELEASE', []),
};

/** The built-in profiles by year. */
export const AAS_PROFILES: Readonly<Record<number, AasProfile>> = { 2024: AAS_2024, 2025: AAS_2025, 2026: AAS_2026 };

/**
 * Checks a profile a team wrote (for a guide revision that differs from the built-in one); throws a TypeError
 * naming the first wrong property.
 */
export function checkProfile(value: unknown): AasProfile {
  const error = Value.Errors(AasProfile, value).First();
  if (error !== undefined) throw new TypeError(`AAS profile: ${error.path || '/'} ${error.message}`);
  const profile = value as AasProfile;
  const names = new Set<string>();
  for (const column of profile.columns) {
    if (names.has(column.name)) throw new TypeError(`AAS profile: column "${column.name}" appears twice`);
    names.add(column.name);
    if (column.kind === 'label') {
      const needed: readonly string[] = column.field === 'mode' ? MODES : MISSION_STATES;
      for (const key of needed) if (!(key in column.labels)) throw new TypeError(`AAS profile: column "${column.name}" has no label for ${key}`);
    }
  }
  for (const field of ['teamId', 'missionTime', 'packetCount', 'mode', 'state']) {
    if (!profile.columns.some((c) => 'field' in c && c.field === field && !('readBack' in c && c.readBack === false))) {
      throw new TypeError(`AAS profile: no column carries ${field}`);
    }
  }
  return profile;
}
