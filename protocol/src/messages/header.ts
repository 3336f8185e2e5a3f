import { compileLayout, fieldsSchema, type FieldsStatic } from '../fields.ts';

/** Version of the binary frame layout, in the high nibble of byte 0. */
export const PROTOCOL_VERSION = 1;

/**
 * The header after byte 0 (version << 4 | message type). `packetCount` counts the frames of this message type
 * from this sender, modulo 65536; for telemetry it is the AAS PACKET_COUNT and survives processor resets.
 */
export const HEADER_FIELDS = [
  { kind: 'number', name: 'teamId', wire: 'u16', resolution: 1, unit: '', min: 0, max: 65_535, description: 'Team number of the CanSat the frame is from or for' },
  { kind: 'number', name: 'packetCount', wire: 'u16', resolution: 1, unit: '', min: 0, max: 0xffff_ffff, wraps: true, description: 'Frames of this type sent by this sender; the wire carries it modulo 65536' },
  { kind: 'number', name: 'missionTime', wire: 'u32', resolution: 1, unit: 'ms', description: 'Mission time: UTC milliseconds of the day once set by ST, else since power-on' },
] as const;

export const HEADER_LAYOUT = compileLayout(HEADER_FIELDS);
export const HeaderSchema = fieldsSchema(HEADER_FIELDS, 'Header');
export type Header = FieldsStatic<typeof HEADER_FIELDS>;

/** Bytes before the payload: the version/type byte and the header fields. */
export const HEADER_SIZE = 1 + HEADER_LAYOUT.size;
