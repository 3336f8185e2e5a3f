import { Type, type Static, type TLiteral, type TObject, type TProperties } from '@sinclair/typebox';
import { fieldsSchema, type FieldLayout, type FieldSpec } from '../fields.ts';
import { ACK_FIELDS, ACK_LAYOUT } from './ack.ts';
import { COMMAND_FIELDS, COMMAND_LAYOUT } from './command.ts';
import { EVENT_FIELDS, EVENT_LAYOUT } from './event.ts';
import { HeaderSchema } from './header.ts';
import { TELEMETRY_FIELDS, TELEMETRY_LAYOUT } from './telemetry.ts';

/** The message type codes of byte 0's low nibble. */
export const MESSAGE_CODES = { telemetry: 1, event: 2, command: 3, ack: 4 } as const;
export type MessageType = keyof typeof MESSAGE_CODES;

function messageSchema<K extends MessageType, P extends TProperties>(type: K, payload: TObject<P>, title: string) {
  return Type.Object(
    { type: Type.Literal(type) as TLiteral<K>, ...HeaderSchema.properties, ...payload.properties },
    { title, additionalProperties: false },
  );
}

/** Periodic telemetry from the CanSat. */
export const Telemetry = messageSchema('telemetry', fieldsSchema(TELEMETRY_FIELDS, 'TelemetryPayload'), 'Telemetry');
export type Telemetry = Static<typeof Telemetry>;

/** Something that happened on board, sent once. */
export const Event = messageSchema('event', fieldsSchema(EVENT_FIELDS, 'EventPayload'), 'Event');
export type Event = Static<typeof Event>;

/** A command as it travels up: counter, arguments and signature (see `Command` for its meaning). */
export const SignedCommand = messageSchema('command', fieldsSchema(COMMAND_FIELDS, 'CommandPayload'), 'SignedCommand');
export type SignedCommand = Static<typeof SignedCommand>;

/** The CanSat's answer to a command. */
export const Ack = messageSchema('ack', fieldsSchema(ACK_FIELDS, 'AckPayload'), 'Ack');
export type Ack = Static<typeof Ack>;

/** Any message of the binary protocol. */
export const Message = Type.Union([Telemetry, Event, SignedCommand, Ack], { title: 'Message' });
export type Message = Static<typeof Message>;

/** Each type's field table and compiled layout, by type name. */
export const PAYLOADS: { readonly [K in MessageType]: { readonly fields: readonly FieldSpec[]; readonly layout: FieldLayout<readonly FieldSpec[]> } } = {
  telemetry: { fields: TELEMETRY_FIELDS, layout: TELEMETRY_LAYOUT },
  event: { fields: EVENT_FIELDS, layout: EVENT_LAYOUT },
  command: { fields: COMMAND_FIELDS, layout: COMMAND_LAYOUT },
  ack: { fields: ACK_FIELDS, layout: ACK_LAYOUT },
};
