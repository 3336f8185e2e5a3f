/**
 * What a column of another team's file means, whatever it was called: a kit telemetry field, a column the kit
 * knows but does not keep as a field (PACKET_TYPE, the deployment flags, TILT_X…), or something else (kept as
 * extra data).
 */
export const COLUMN_KEYS = [
  'teamId',
  'missionTime',
  'packetCount',
  'packetType',
  'mode',
  'state',
  'altitude',
  'temperature',
  'pressure',
  'voltage',
  'current',
  'gyroR',
  'gyroP',
  'gyroY',
  'accelR',
  'accelP',
  'accelY',
  'magR',
  'magP',
  'magY',
  'gpsTime',
  'gpsAltitude',
  'latitude',
  'longitude',
  'gpsSats',
  'cmdEcho',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/**
 * Names teams and guides use, by key; matched after `normalizeName` (case, separators and unit suffixes gone).
 * The competition guides' own names first (2021-2026), then what teams wrote.
 */
const ALIASES: Record<ColumnKey, string[]> = {
  teamId: ['teamid', 'team'],
  missionTime: ['missiontime', 'time', 'mtime', 'mission'],
  packetCount: ['packetcount', 'packet', 'packetno', 'packetnumber', 'count', 'pktcount'],
  packetType: ['packettype', 'type'],
  mode: ['mode'],
  state: ['state', 'softwarestate', 'fswstate', 'flightstate', 'tpsoftwarestate'],
  altitude: ['altitude', 'alt', 'baroaltitude', 'spaltitude', 'tpaltitude'],
  temperature: ['temperature', 'temp', 'sptemp', 'tptemp'],
  pressure: ['pressure', 'press', 'baropressure'],
  voltage: ['voltage', 'volt', 'batteryvoltage', 'battery', 'vbat', 'tpvoltage'],
  current: ['current', 'batterycurrent'],
  gyroR: ['gyror', 'gyroroll', 'gyrox'],
  gyroP: ['gyrop', 'gyropitch'],
  gyroY: ['gyroy', 'gyroyaw', 'gyroz', 'rotz', 'sprotationrate'],
  accelR: ['accelr', 'accroll', 'accelroll', 'accelx', 'accr'],
  accelP: ['accelp', 'accpitch', 'accelpitch', 'accp'],
  accelY: ['accely', 'accyaw', 'accelyaw', 'accelz', 'accy'],
  magR: ['magr', 'magroll', 'magx'],
  magP: ['magp', 'magpitch'],
  magY: ['magy', 'magyaw', 'magz'],
  gpsTime: ['gpstime'],
  gpsAltitude: ['gpsaltitude', 'gpsalt'],
  latitude: ['gpslatitude', 'gpslat', 'latitude', 'lat'],
  longitude: ['gpslongitude', 'gpslon', 'gpslong', 'longitude', 'lon', 'long'],
  gpsSats: ['gpssats', 'gpssatellites', 'sats', 'satellites', 'numsats'],
  cmdEcho: ['cmdecho', 'lastcmd', 'lastcommand', 'echo', 'commandecho'],
};

const BY_ALIAS = new Map<string, ColumnKey>(Object.entries(ALIASES).flatMap(([key, names]) => names.map((name) => [name, key as ColumnKey])));

/** A unit written into a column's name (`pressure_hpa`, `altitude_m`, `Temperature [C]`). */
export type NameUnit = 'pa' | 'hpa' | 'kpa' | 'm' | 'c' | 'v' | 'a' | 'w' | 'deg' | 'cm' | 's';

/** A unit after a separator at the end of a name. */
const UNIT_SUFFIX = /^(.*?)[_\s-]+[([]?(hpa|kpa|pa|mbar|degc|deg|cm|m|c|v|a|w|s)[)\]]?$/;

const squeeze = (name: string) => name.replace(/[^a-z0-9]/g, '');

/**
 * The key of a column name, and a unit its name gives, in any case and with any separators (`teamID`,
 * `GPS_Latitude`, `pressure_hpa`); key null for a column the kit does not know (its values are kept as extra data).
 * The whole name is tried first, so `gps_sats` is satellites, not "gps_sat" in seconds.
 */
export function columnKey(name: string): { key: ColumnKey | null; unit: NameUnit | null } {
  const lower = name.trim().toLowerCase().replace(/^\uFEFF/, '');
  const whole = BY_ALIAS.get(squeeze(lower));
  if (whole) return { key: whole, unit: null };
  const suffixed = UNIT_SUFFIX.exec(lower);
  const key = suffixed ? BY_ALIAS.get(squeeze(suffixed[1]!)) : undefined;
  if (!suffixed || !key) return { key: null, unit: null };
  const unit = suffixed[2]!;
  return { key, unit: unit === 'mbar' ? 'hpa' : unit === 'degc' ? 'c' : (unit as NameUnit) };
}
