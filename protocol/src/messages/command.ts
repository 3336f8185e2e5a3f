import { COMMAND_NAMES } from '../commands.ts';
import { compileLayout } from '../fields.ts';

/** Bytes of the truncated HMAC-SHA256 tag that ends a command payload (128 bits, as RFC 4868 truncates). */
export const SIGNATURE_SIZE = 16;

/**
 * A command frame's payload. The signature covers every byte before it (version/type byte, header, and the
 * fields above it), so team id, counter and arguments cannot be altered. 26 bytes.
 */
export const COMMAND_FIELDS = [
  { kind: 'number', name: 'counter', wire: 'u32', resolution: 1, unit: '', description: 'Strictly increasing per ground station; a counter not above the last accepted one is a replay' },
  { kind: 'enum', name: 'command', wire: 'u8', values: COMMAND_NAMES, description: 'Command name' },
  { kind: 'number', name: 'arg', wire: 'u8', resolution: 1, unit: '', description: 'First argument (see PROTOCOL.md)' },
  { kind: 'number', name: 'value', wire: 'i32', resolution: 1, unit: '', description: 'Numeric argument (see PROTOCOL.md)' },
  { kind: 'bytes', name: 'signature', length: SIGNATURE_SIZE, description: 'HMAC-SHA256 of the frame up to here, truncated' },
] as const;

export const COMMAND_LAYOUT = compileLayout(COMMAND_FIELDS);
