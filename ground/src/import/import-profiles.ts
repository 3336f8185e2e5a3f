import type { TeamLayout } from '@cansat/protocol';
import { readTeamLayout } from '@cansat/protocol/node';

/** A telemetry layout as some team's file holds it (the protocol's TeamLayout: column names, state names). */
export type ImportProfile = TeamLayout;

const HEAD = ['TEAM_ID', 'MISSION_TIME', 'PACKET_COUNT'];
const GPS = ['GPS_TIME', 'GPS_ALTITUDE', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_SATS'];
const IMU = ['GYRO_R', 'GYRO_P', 'GYRO_Y', 'ACCEL_R', 'ACCEL_P', 'ACCEL_Y'];
const MAG = ['MAG_R', 'MAG_P', 'MAG_Y'];
const PROBE_STATES = ['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'PAYLOAD_RELEASE', 'LANDED'];

/** The competition's layouts since 2021, and the one 2026 teams fly (the guide's revisions differ). */
export const IMPORT_PROFILES: readonly ImportProfile[] = [
  {
    id: 'aas-2021-container',
    description: 'AAS 2021 container packet (C): two science payloads',
    columns: [...HEAD, 'PACKET_TYPE', 'MODE', 'SP1_RELEASED', 'SP2_RELEASED', 'ALTITUDE', 'TEMP', 'VOLTAGE', 'GPS_TIME', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_ALTITUDE', 'GPS_SATS', 'SOFTWARE_STATE', 'SP1_PACKET_COUNT', 'SP2_PACKET_COUNT', 'CMD_ECHO'],
    states: ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'SP1_RELEASE', 'SP2_RELEASE', 'LANDED'],
    packetType: 'C',
  },
  {
    id: 'aas-2021-payload',
    description: 'AAS 2021 science payload packet (S1, S2)',
    columns: [...HEAD, 'PACKET_TYPE', 'SP_ALTITUDE', 'SP_TEMP', 'SP_ROTATION_RATE'],
  },
  {
    id: 'aas-2022-container',
    description: 'AAS 2022 container packet (C): tethered payload',
    columns: [...HEAD, 'PACKET_TYPE', 'MODE', 'TP_RELEASED', 'ALTITUDE', 'TEMP', 'VOLTAGE', 'GPS_TIME', 'GPS_LATITUDE', 'GPS_LONGITUDE', 'GPS_ALTITUDE', 'GPS_SATS', 'SOFTWARE_STATE', 'CMD_ECHO'],
    states: ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'DESCENT', 'TP_RELEASE', 'LANDED'],
    packetType: 'C',
  },
  {
    id: 'aas-2022-payload',
    description: 'AAS 2022 tethered payload packet (T)',
    columns: [...HEAD, 'PACKET_TYPE', 'TP_ALTITUDE', 'TP_TEMP', 'TP_VOLTAGE', ...IMU, ...MAG, 'POINTING_ERROR', 'TP_SOFTWARE_STATE'],
    states: ['STANDBY', 'RELEASED', 'LANDED'],
    packetType: 'T',
  },
  {
    id: 'aas-2023',
    description: 'AAS 2023: heat shield, parachute and flag mast',
    columns: [...HEAD, 'MODE', 'STATE', 'ALTITUDE', 'HS_DEPLOYED', 'PC_DEPLOYED', 'MAST_RAISED', 'TEMPERATURE', 'VOLTAGE', 'PRESSURE', ...GPS, 'TILT_X', 'TILT_Y', 'CMD_ECHO'],
    states: ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'DESCENT', 'HS_RELEASE', 'LANDED'],
  },
  {
    id: 'aas-2024',
    description: 'AAS 2024: heat shield and parachute probe',
    columns: [...HEAD, 'MODE', 'STATE', 'ALTITUDE', 'AIR_SPEED', 'HS_DEPLOYED', 'PC_DEPLOYED', 'TEMPERATURE', 'VOLTAGE', 'PRESSURE', ...GPS, 'TILT_X', 'TILT_Y', 'ROT_Z', 'CMD_ECHO'],
    states: ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'DESCENT', 'HS_RELEASE', 'LANDED'],
  },
  {
    id: 'aas-2025',
    description: 'AAS 2025: auto-gyro probe',
    columns: [...HEAD, 'MODE', 'STATE', 'ALTITUDE', 'TEMPERATURE', 'PRESSURE', 'VOLTAGE', ...IMU, ...MAG, 'AUTO_GYRO_ROTATION_RATE', ...GPS, 'CMD_ECHO'],
    states: PROBE_STATES,
  },
  {
    id: 'aas-2026',
    description: 'AAS 2026, guide revision c: MAG_R/P/Y, no CURRENT',
    columns: [...HEAD, 'MODE', 'STATE', 'ALTITUDE', 'TEMPERATURE', 'PRESSURE', 'VOLTAGE', ...IMU, ...MAG, ...GPS, 'CMD_ECHO'],
    states: PROBE_STATES,
  },
  {
    id: 'aas-2026-teams',
    description: 'AAS 2026 as teams fly it: CURRENT after VOLTAGE, no MAG (22 columns)',
    columns: [...HEAD, 'MODE', 'STATE', 'ALTITUDE', 'TEMPERATURE', 'PRESSURE', 'VOLTAGE', 'CURRENT', ...IMU, ...GPS, 'CMD_ECHO'],
    states: PROBE_STATES,
  },
];

/** `aas-YYYY[-…]`, or a team's JSON profile file; a clear error for anything else. */
export function loadImportProfile(nameOrFile: string): ImportProfile {
  const builtIn = IMPORT_PROFILES.filter((p) => p.id === nameOrFile || p.id.startsWith(`${nameOrFile}-`));
  if (builtIn.length > 0) return builtIn[0]!;
  if (/^aas-\d{4}/.test(nameOrFile)) throw new Error(`--profile ${nameOrFile}: no such profile; the kit knows ${IMPORT_PROFILES.map((p) => p.id).join(', ')}, or give a JSON file`);
  if (!nameOrFile.toLowerCase().endsWith('.json')) throw new Error(`--profile ${nameOrFile}: not one of ${IMPORT_PROFILES.map((p) => p.id).join(', ')}, nor a .json file`);
  return readTeamLayout(nameOrFile, '--profile');
}
