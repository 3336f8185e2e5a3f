import type { Ack, Event, SignedCommand, Telemetry } from '../messages/index.ts';

/** One example of each message: PROTOCOL.md shows their frames in hex and the tests decode the same hex. */
export const SAMPLE_TELEMETRY: Telemetry = {
  type: 'telemetry',
  teamId: 1234,
  packetCount: 7,
  missionTime: 3_600_000,
  mode: 'flight',
  state: 'ASCENT',
  altitude: 123.4,
  temperature: 21.5,
  pressure: 91.23,
  voltage: 7.412,
  current: 0.25,
  gyroR: 1.5,
  gyroP: -2,
  gyroY: 360,
  accelR: 0.1,
  accelP: 0.2,
  accelY: 9.81,
  magR: 0.2,
  magP: -0.1,
  magY: 0.45,
  gpsTime: 50_000,
  gpsAltitude: 933.2,
  latitude: 37.1234567,
  longitude: -80.4,
  gpsSats: 9,
  cmdEcho: 'CXON',
  health: 0,
  faults: 0,
  rejects: 0,
};

export const SAMPLE_EVENT: Event = {
  type: 'event',
  teamId: 1234,
  packetCount: 3,
  missionTime: 3_652_500,
  event: 'DEPLOYMENT',
  state: 'PROBE_RELEASE',
  subject: 'RELEASE',
  value: 4_987,
};

export const SAMPLE_ACK: Ack = {
  type: 'ack',
  teamId: 1234,
  packetCount: 12,
  missionTime: 3_540_250,
  counter: 1_700_000_001,
  command: 'CX',
  result: 'OK',
};

/** Signed with SAMPLE_KEY (bytes 0x00…0x1f). */
export const SAMPLE_KEY_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

/** CX ON for team 1234, counter 1 700 000 001, before signing (the signature is filled in by `signCommand`). */
export const SAMPLE_COMMAND_UNSIGNED: Omit<SignedCommand, 'signature'> = {
  type: 'command',
  teamId: 1234,
  packetCount: 1,
  missionTime: 3_540_000,
  counter: 1_700_000_001,
  command: 'CX',
  arg: 1,
  value: 0,
};
