import { Type, type TLiteral, type TNull, type TNumber, type TObject, type TUint8Array, type TUnion } from '@sinclair/typebox';
import { ABSENT_RAW, WIRE_RANGE, WIRE_SIZE, readWire, writeWire, type WireType } from './wire-types.ts';

/** A scaled number: physical value = raw × resolution. */
export interface NumberField {
  readonly kind: 'number';
  readonly name: string;
  readonly wire: WireType;
  /** Smallest step, a power of ten (1, 0.1, 0.01 …). */
  readonly resolution: number;
  readonly unit: string;
  /** Physical bounds; default: everything the wire type can carry. */
  readonly min?: number;
  readonly max?: number;
  /** The field may be absent (a sensor could not supply it): null, sent as the wire type's absent value. */
  readonly nullable?: boolean;
  /**
   * A counter wider than its wire type (unsigned only): sent modulo 2^bits, decoded as those low bits, and
   * unwrapped by the receiver (`CounterUnwrapper`). `min`/`max` give the counter's full range.
   */
  readonly wraps?: boolean;
  readonly description: string;
}

/** One of a fixed list of names, sent as its index. */
export interface EnumField {
  readonly kind: 'enum';
  readonly name: string;
  readonly wire: 'u8';
  readonly values: readonly string[];
  readonly nullable?: boolean;
  readonly description: string;
}

/** A fixed-length byte string (the command signature). */
export interface BytesField {
  readonly kind: 'bytes';
  readonly name: string;
  readonly length: number;
  readonly description: string;
}

/** One row of a message's field table. */
export type FieldSpec = NumberField | EnumField | BytesField;

type FieldValue<F> = F extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : F extends { kind: 'bytes' }
    ? Uint8Array
    : number;
type FieldStatic<F> = F extends { nullable: true } ? FieldValue<F> | null : FieldValue<F>;

/** The decoded value of a field table: one property per row. */
export type FieldsStatic<T extends readonly FieldSpec[]> = { -readonly [F in T[number] as F['name']]: FieldStatic<F> };

type FieldSchemaOf<F> = F extends { kind: 'enum'; values: readonly (infer V extends string)[] }
  ? F extends { nullable: true }
    ? TUnion<[...TLiteral<V>[], TNull]>
    : TUnion<TLiteral<V>[]>
  : F extends { kind: 'bytes' }
    ? TUint8Array
    : F extends { nullable: true }
      ? TUnion<[TNumber, TNull]>
      : TNumber;

/** The TypeBox schema of a field table. */
export type FieldsSchema<T extends readonly FieldSpec[]> = TObject<{ -readonly [F in T[number] as F['name']]: FieldSchemaOf<F> }>;

/** Bytes a field takes on the wire. */
export function fieldSize(field: FieldSpec): number {
  return field.kind === 'bytes' ? field.length : WIRE_SIZE[field.wire];
}

/** The physical bounds of a number field: the declared ones, else what the wire carries (less the absent value). */
export function numberRange(field: NumberField): readonly [number, number] {
  const perUnit = unitsPerValue(field.resolution);
  let [lo, hi] = WIRE_RANGE[field.wire];
  if (field.nullable) {
    if (ABSENT_RAW[field.wire] === lo) lo += 1;
    else hi -= 1;
  }
  return [field.min ?? lo / perUnit, field.max ?? hi / perUnit];
}

/** Raw steps per physical unit (10 for a resolution of 0.1). Decoding divides by it, so 1234 → 123.4 exactly. */
export function unitsPerValue(resolution: number): number {
  const perUnit = Math.round(1 / resolution);
  if (!(resolution > 0 && resolution <= 1 && Math.abs(perUnit * resolution - 1) < 1e-12)) {
    throw new TypeError(`resolution ${resolution} must be 1 or 1/n`);
  }
  return perUnit;
}

/** Derives the TypeBox schema from a field table, with each number's bounds. */
export function fieldsSchema<const T extends readonly FieldSpec[]>(fields: T, title: string): FieldsSchema<T> {
  const properties: Record<string, ReturnType<typeof fieldSchema>> = {};
  for (const field of fields) properties[field.name] = fieldSchema(field);
  return Type.Object(properties, { title, additionalProperties: false }) as unknown as FieldsSchema<T>;
}

function fieldSchema(field: FieldSpec) {
  if (field.kind === 'bytes') {
    return Type.Uint8Array({ minByteLength: field.length, maxByteLength: field.length, description: field.description });
  }
  const base =
    field.kind === 'enum'
      ? Type.Union(field.values.map((value) => Type.Literal(value)))
      : Type.Number({ minimum: numberRange(field)[0], maximum: numberRange(field)[1], unit: field.unit });
  const schema = field.nullable ? Type.Union([base, Type.Null()]) : base;
  return { ...schema, description: field.description };
}

/** A field table compiled for fast encoding and decoding. */
export interface FieldLayout<T extends readonly FieldSpec[]> {
  readonly fields: T;
  /** Bytes the fields take, back to back. */
  readonly size: number;
  readonly offsets: readonly number[];
  readonly perUnit: readonly number[];
  readonly ranges: readonly (readonly [number, number])[];
}

/** Precomputes offsets, scales and bounds of a field table. */
export function compileLayout<const T extends readonly FieldSpec[]>(fields: T): FieldLayout<T> {
  const offsets: number[] = [];
  const perUnit: number[] = [];
  const ranges: (readonly [number, number])[] = [];
  let size = 0;
  for (const field of fields) {
    offsets.push(size);
    size += fieldSize(field);
    perUnit.push(field.kind === 'number' ? unitsPerValue(field.resolution) : 1);
    ranges.push(field.kind === 'number' ? numberRange(field) : field.kind === 'enum' ? [0, field.values.length - 1] : [0, 0]);
  }
  return { fields, size, offsets, perUnit, ranges };
}

/** Result of decoding a field table: the value, or the first field whose raw value is not allowed. */
export type FieldsDecodeResult<T extends readonly FieldSpec[]> =
  | { readonly ok: true; readonly value: FieldsStatic<T> }
  | { readonly ok: false; readonly field: string };

/** Decodes `layout.size` bytes at `offset`; never throws for any byte values (bounds are the caller's). */
export function decodeFields<T extends readonly FieldSpec[]>(
  layout: FieldLayout<T>,
  view: DataView,
  offset: number,
): FieldsDecodeResult<T> {
  const out: Record<string, unknown> = {};
  const { fields, offsets, perUnit, ranges } = layout;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const at = offset + offsets[i]!;
    if (field.kind === 'bytes') {
      out[field.name] = new Uint8Array(view.buffer.slice(view.byteOffset + at, view.byteOffset + at + field.length));
      continue;
    }
    const raw = readWire(view, at, field.wire);
    if (field.nullable && raw === ABSENT_RAW[field.wire]) {
      out[field.name] = null;
      continue;
    }
    const range = ranges[i]!;
    if (field.kind === 'enum') {
      if (raw > range[1]) return { ok: false, field: field.name };
      out[field.name] = field.values[raw];
      continue;
    }
    if (field.wraps) {
      out[field.name] = raw;
      continue;
    }
    const value = raw / perUnit[i]!;
    if (value < range[0] || value > range[1]) return { ok: false, field: field.name };
    out[field.name] = value;
  }
  return { ok: true, value: out as FieldsStatic<T> };
}

/**
 * Encodes a value of the table at `offset`. A value the table cannot carry (out of bounds, not in the enum,
 * null where not nullable) is a caller's bug and throws a RangeError naming the field.
 */
export function encodeFields<T extends readonly FieldSpec[]>(
  layout: FieldLayout<T>,
  view: DataView,
  offset: number,
  value: FieldsStatic<T>,
): void {
  const { fields, offsets, perUnit, ranges } = layout;
  const record = value as Record<string, unknown>;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const at = offset + offsets[i]!;
    const v = record[field.name];
    if (field.kind === 'bytes') {
      if (!(v instanceof Uint8Array) || v.length !== field.length) {
        throw new RangeError(`field "${field.name}" must be ${field.length} bytes`);
      }
      new Uint8Array(view.buffer, view.byteOffset + at, field.length).set(v);
      continue;
    }
    if (v === null && field.nullable) {
      writeWire(view, at, field.wire, ABSENT_RAW[field.wire]);
      continue;
    }
    if (field.kind === 'enum') {
      const index = field.values.indexOf(v as string);
      if (index < 0) throw new RangeError(`field "${field.name}" has no value ${JSON.stringify(v)}`);
      writeWire(view, at, field.wire, index);
      continue;
    }
    const range = ranges[i]!;
    if (typeof v !== 'number' || !(v >= range[0] && v <= range[1])) {
      throw new RangeError(`field "${field.name}" = ${String(v)} is outside ${range[0]}..${range[1]} ${field.unit}`);
    }
    const raw = Math.round(v * perUnit[i]!);
    writeWire(view, at, field.wire, field.wraps ? raw % (WIRE_RANGE[field.wire][1] + 1) : raw);
  }
}
