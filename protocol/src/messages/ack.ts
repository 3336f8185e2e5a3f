import { COMMAND_NAMES } from '../commands.ts';
import { compileLayout } from '../fields.ts';

/** What the CanSat did with a command frame. */
export const ACK_RESULTS = ['OK', 'BAD_SIGNATURE', 'REPLAYED', 'INVALID', 'REFUSED', 'FAILED'] as const;
export type AckResult = (typeof ACK_RESULTS)[number];

/** The CanSat's answer to a command frame that carried its team id. 6 bytes. */
export const ACK_FIELDS = [
  { kind: 'number', name: 'counter', wire: 'u32', resolution: 1, unit: '', description: 'Counter of the command answered' },
  { kind: 'enum', name: 'command', wire: 'u8', values: COMMAND_NAMES, description: 'Command answered' },
  { kind: 'enum', name: 'result', wire: 'u8', values: ACK_RESULTS, description: 'OK, or why it was not carried out' },
] as const;

export const ACK_LAYOUT = compileLayout(ACK_FIELDS);
