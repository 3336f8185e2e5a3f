/**
 * @cansat/protocol: the wire contract between the CanSat and its ground station. Browser-safe: nothing here
 * imports Node; streams and command signing live in `@cansat/protocol/node`.
 */
export * from './wire-types.ts';
export * from './fields.ts';
export * from './mission.ts';
export * from './altitude.ts';
export * from './altitude-filter.ts';
export * from './reconstruction/index.ts';
export * from './slope.ts';
export * from './commands.ts';
export * from './messages/index.ts';
export { HEADER_FIELDS, HEADER_SIZE, PROTOCOL_VERSION, HeaderSchema, type Header } from './messages/header.ts';
export { TELEMETRY_FIELDS } from './messages/telemetry.ts';
export { EVENT_FIELDS, EVENT_KINDS } from './messages/event.ts';
export { COMMAND_FIELDS, SIGNATURE_SIZE } from './messages/command.ts';
export { ACK_FIELDS, ACK_RESULTS, type AckResult } from './messages/ack.ts';
export * from './crc32c.ts';
export * from './cobs.ts';
export * from './frame.ts';
export * from './counter-unwrapper.ts';
export * from './time-of-day.ts';
export * from './aas/index.ts';
export * from './csv.ts';
export * from './xbee/index.ts';
export * from './radio/link-budget.ts';
