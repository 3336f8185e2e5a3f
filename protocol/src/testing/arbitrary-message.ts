import fc from 'fast-check';
import { type FieldSpec, numberRange, unitsPerValue } from '../fields.ts';
import { HEADER_FIELDS } from '../messages/header.ts';
import { PAYLOADS, type Message, type MessageType } from '../messages/index.ts';

/** Any value a field can carry, on its resolution grid; null included for nullable fields. */
export function arbitraryField(field: FieldSpec): fc.Arbitrary<unknown> {
  let value: fc.Arbitrary<unknown>;
  if (field.kind === 'bytes') return fc.uint8Array({ minLength: field.length, maxLength: field.length });
  if (field.kind === 'enum') value = fc.constantFrom(...field.values);
  else {
    const perUnit = unitsPerValue(field.resolution);
    const [min, max] = numberRange(field);
    value = fc.integer({ min: Math.ceil(min * perUnit), max: Math.floor(max * perUnit) }).map((raw) => raw / perUnit);
  }
  return field.nullable ? fc.option(value, { nil: null, freq: 4 }) : value;
}

/** Any valid message of `type` (or of any type). */
export function arbitraryMessage(type?: MessageType): fc.Arbitrary<Message> {
  if (type === undefined) return fc.oneof(...(Object.keys(PAYLOADS) as MessageType[]).map((t) => arbitraryMessage(t)));
  const fields = [...HEADER_FIELDS, ...PAYLOADS[type].fields];
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) record[field.name] = arbitraryField(field);
  return fc.record(record).map((values) => ({ type, ...values }) as Message);
}
