import { COMMAND_ECHOES } from '../commands.ts';
import { compileLayout } from '../fields.ts';
import type { WireType } from '../wire-types.ts';
import { MISSION_STATES, MODES } from '../mission.ts';

/** A nullable sensor reading. */
const num = <const N extends string, const W extends WireType>(
  name: N,
  wire: W,
  resolution: number,
  unit: string,
  description: string,
  bounds: { min?: number; max?: number } = {},
) => ({ kind: 'number', name, wire, resolution, unit, nullable: true, description, ...bounds }) as const;

/**
 * The telemetry payload, in wire order. Every sensor field is nullable: null when the sensor could not supply it,
 * never a made-up zero. 49 bytes, so a whole frame is 64 bytes on the wire.
 */
export const TELEMETRY_FIELDS = [
  { kind: 'enum', name: 'mode', wire: 'u8', values: MODES, description: 'Where pressure comes from: the barometer, or SIMP commands' },
  { kind: 'enum', name: 'state', wire: 'u8', values: MISSION_STATES, description: 'Mission state' },
  num('altitude', 'i16', 0.1, 'm', 'Barometric altitude above the CAL reference'),
  num('temperature', 'i16', 0.1, '°C', 'Air temperature'),
  num('pressure', 'u16', 0.01, 'kPa', 'Air pressure (simulated pressure in simulation mode)'),
  num('voltage', 'u16', 0.001, 'V', 'Battery voltage'),
  num('current', 'i16', 0.001, 'A', 'Battery current'),
  num('gyroR', 'i16', 0.1, '°/s', 'Roll rate'),
  num('gyroP', 'i16', 0.1, '°/s', 'Pitch rate'),
  num('gyroY', 'i16', 0.1, '°/s', 'Yaw rate'),
  num('accelR', 'i16', 0.01, 'm/s²', 'Acceleration along the roll axis'),
  num('accelP', 'i16', 0.01, 'm/s²', 'Acceleration along the pitch axis'),
  num('accelY', 'i16', 0.01, 'm/s²', 'Acceleration along the yaw axis'),
  num('magR', 'i16', 0.001, 'gauss', 'Magnetic field along the roll axis'),
  num('magP', 'i16', 0.001, 'gauss', 'Magnetic field along the pitch axis'),
  num('magY', 'i16', 0.001, 'gauss', 'Magnetic field along the yaw axis'),
  num('gpsTime', 'u32', 1, 's', 'UTC seconds of the day of the last GPS fix', { min: 0, max: 86_399 }),
  num('gpsAltitude', 'i16', 0.1, 'm', 'GPS altitude above mean sea level'),
  num('latitude', 'i32', 1e-7, '°', 'GPS latitude, north positive', { min: -90, max: 90 }),
  num('longitude', 'i32', 1e-7, '°', 'GPS longitude, east positive', { min: -180, max: 180 }),
  num('gpsSats', 'u8', 1, '', 'Satellites used in the GPS fix'),
  { kind: 'enum', name: 'cmdEcho', wire: 'u8', values: COMMAND_ECHOES, nullable: true, description: 'Last accepted command (null before the first)' },
  { kind: 'number', name: 'health', wire: 'u8', resolution: 1, unit: '', description: 'HEALTH_BITS of the parts that failed their last read or write' },
  { kind: 'number', name: 'faults', wire: 'u8', resolution: 1, unit: '', description: 'Errors caught at a boundary (sensor read, command, write), modulo 256' },
  { kind: 'number', name: 'rejects', wire: 'u8', resolution: 1, unit: '', description: 'Commands rejected (bad signature, replayed, invalid), modulo 256' },
] as const;

export const TELEMETRY_LAYOUT = compileLayout(TELEMETRY_FIELDS);
