/** Mission states in flight order; a state never goes back to an earlier one. */
export const MISSION_STATES = [
  'LAUNCH_PAD',
  'ASCENT',
  'APOGEE',
  'DESCENT',
  'PROBE_RELEASE',
  'PAYLOAD_RELEASE',
  'LANDED',
] as const;
export type MissionState = (typeof MISSION_STATES)[number];

/** Flight: pressure from the barometer. Simulation: pressure from the ground's SIMP commands. */
export const MODES = ['flight', 'simulation'] as const;
export type Mode = (typeof MODES)[number];

/** Actuators a MEC command can drive, and the subjects an event can name. */
export const DEVICES = ['RELEASE', 'PARACHUTE', 'BEACON', 'CAMERA'] as const;
export type Device = (typeof DEVICES)[number];

/** Parts of the CanSat that an event can be about. */
export const SUBJECTS = ['NONE', 'BAROMETER', 'IMU', 'GPS', 'POWER', 'MAGNETOMETER', 'RADIO', 'STORAGE', 'MISSION', ...DEVICES] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * Bits of the telemetry `health` field: a set bit means that part failed its last read or write. Bit 7 says
 * the flight program resumed after a processor reset.
 */
export const HEALTH_BITS = {
  BAROMETER: 0x01,
  IMU: 0x02,
  GPS: 0x04,
  POWER: 0x08,
  MAGNETOMETER: 0x10,
  RADIO: 0x20,
  STORAGE: 0x40,
  RESET_RECOVERED: 0x80,
} as const;
