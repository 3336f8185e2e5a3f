import { compileLayout } from '../fields.ts';
import { MISSION_STATES, SUBJECTS } from '../mission.ts';

/** What an event reports. */
export const EVENT_KINDS = ['STATE_CHANGE', 'DEPLOYMENT', 'FAULT', 'RESET_RECOVERED', 'FAULT_CLEARED'] as const;

/** Sent once when something happens, besides the periodic telemetry. 7 bytes. */
export const EVENT_FIELDS = [
  { kind: 'enum', name: 'event', wire: 'u8', values: EVENT_KINDS, description: 'What happened' },
  { kind: 'enum', name: 'state', wire: 'u8', values: MISSION_STATES, description: 'Mission state after the event' },
  { kind: 'enum', name: 'subject', wire: 'u8', values: SUBJECTS, description: 'Part concerned: the device deployed, the sensor that failed' },
  { kind: 'number', name: 'value', wire: 'i32', resolution: 1, unit: '', description: 'Detail: fault count, altitude in dm at a state change, resets so far' },
] as const;

export const EVENT_LAYOUT = compileLayout(EVENT_FIELDS);
