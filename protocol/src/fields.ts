import { Type, type TLiteral, type TNull, type TNumber, type TObject, type TUint8Array, type TUnion } from '@sinclair/typebox';
import { ABSENT_RAW, WIRE_RANGE, WIRE_SIZE, writeWire, type WireType } from './wire-types.ts';

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

/** Wire types as small integers, so the hot loops below stay monomorphic. */
const WIRE_CODES: readonly WireType[] = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32'];
const KIND_NUMBER = 0;
const KIND_ENUM = 1;
const KIND_BYTES = 2;
const KIND_COUNTER = 3;

/**
 * A field table compiled into parallel arrays for fast encoding and decoding: reading a property of field
 * objects of many shapes in a loop is what made a naive decoder slow.
 */
export interface FieldLayout<T extends readonly FieldSpec[]> {
  readonly fields: T;
  /** Bytes the fields take, back to back. */
  readonly size: number;
  readonly names: readonly string[];
  readonly offsets: Uint16Array;
  readonly kinds: Uint8Array;
  readonly wires: Uint8Array;
  readonly nullable: Uint8Array;
  readonly absent: Float64Array;
  readonly perUnit: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly enumValues: readonly (readonly string[])[];
}

/** Precomputes offsets, scales and bounds of a field table. */
export function compileLayout<const T extends readonly FieldSpec[]>(fields: T): FieldLayout<T> {
  const n = fields.length;
  const layout = {
    fields,
    size: 0,
    names: fields.map((f) => f.name),
    offsets: new Uint16Array(n),
    kinds: new Uint8Array(n),
    wires: new Uint8Array(n),
    nullable: new Uint8Array(n),
    absent: new Float64Array(n),
    perUnit: new Float64Array(n).fill(1),
    min: new Float64Array(n),
    max: new Float64Array(n),
    enumValues: fields.map((f) => (f.kind === 'enum' ? f.values : [])),
  };
  fields.forEach((field, i) => {
    layout.offsets[i] = layout.size;
    layout.size += fieldSize(field);
    if (field.kind === 'bytes') {
      layout.kinds[i] = KIND_BYTES;
      layout.max[i] = field.length;
      return;
    }
    layout.wires[i] = WIRE_CODES.indexOf(field.wire);
    layout.nullable[i] = field.nullable ? 1 : 0;
    layout.absent[i] = ABSENT_RAW[field.wire];
    if (field.kind === 'enum') {
      layout.kinds[i] = KIND_ENUM;
      layout.max[i] = field.values.length - 1;
      return;
    }
    layout.kinds[i] = field.wraps ? KIND_COUNTER : KIND_NUMBER;
    layout.perUnit[i] = unitsPerValue(field.resolution);
    [layout.min[i], layout.max[i]] = numberRange(field);
  });
  return layout;
}

const GETTERS = ['getUint8', 'getInt8', 'getUint16', 'getInt16', 'getUint32', 'getInt32'] as const;

/**
 * Reads a message from a DataView: the decoded object, or the name of the first field whose raw value is not
 * allowed (an enum index past its list, a number outside its bounds). Never throws for any byte values.
 */
export type MessageDecoder = (view: DataView) => Record<string, unknown> | string;

/**
 * Compiles one decoder for field tables laid out at the given offsets, returning objects that start with
 * `constants` (the message type). Like TypeBox's TypeCompiler or protobuf.js, it generates a function with one
 * straight line per field: every decoded object has one shape and there is no per-field dispatch, which is what
 * a million frames per second on one core takes. The generated code only reads numbers from `view` and
 * compares them with constants taken from the tables.
 */
export function compileDecoder(constants: Record<string, string>, parts: readonly [FieldLayout<readonly FieldSpec[]>, number][]): MessageDecoder {
  const lines: string[] = ['let r;'];
  const enums: (readonly string[])[] = [];
  const properties = Object.entries(constants).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  let local = 0;
  for (const [layout, base] of parts) {
    for (let i = 0; i < layout.names.length; i++) {
      const name = JSON.stringify(layout.names[i]);
      const at = base + layout.offsets[i]!;
      const f = `f${local++}`;
      properties.push(`${name}: ${f}`);
      const kind = layout.kinds[i];
      if (kind === KIND_BYTES) {
        lines.push(`const ${f} = new Uint8Array(view.buffer.slice(view.byteOffset + ${at}, view.byteOffset + ${at + layout.max[i]!}));`);
        continue;
      }
      lines.push(`let ${f} = null;`, `r = view.${GETTERS[layout.wires[i]!]}(${at}, true);`);
      const present = layout.nullable[i] === 1 ? `if (r !== ${layout.absent[i]}) ` : '';
      if (kind === KIND_ENUM) {
        enums.push(layout.enumValues[i]!);
        lines.push(`${present}{ if (r > ${layout.max[i]}) return ${name}; ${f} = enums[${enums.length - 1}][r]; }`);
      } else if (kind === KIND_COUNTER) {
        lines.push(`${present}${f} = r;`);
      } else {
        const value = layout.perUnit[i] === 1 ? 'r' : `r / ${layout.perUnit[i]}`;
        lines.push(`${present}{ ${f} = ${value}; if (${f} < ${layout.min[i]} || ${f} > ${layout.max[i]}) return ${name}; }`);
      }
    }
  }
  lines.push(`return { ${properties.join(', ')} };`);
  return new Function('enums', `"use strict"; return function decode(view) {\n${lines.join('\n')}\n};`)(enums) as MessageDecoder;
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
  const { names, offsets, kinds, wires, nullable, absent, perUnit, min, max, enumValues } = layout;
  const record = value as Record<string, unknown>;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const at = offset + offsets[i]!;
    const wire = WIRE_CODES[wires[i]!]!;
    const v = record[name];
    const kind = kinds[i]!;
    if (kind === KIND_BYTES) {
      if (!(v instanceof Uint8Array) || v.length !== max[i]) throw new RangeError(`field "${name}" must be ${max[i]} bytes`);
      new Uint8Array(view.buffer, view.byteOffset + at, v.length).set(v);
    } else if (v === null && nullable[i] === 1) {
      writeWire(view, at, wire, absent[i]!);
    } else if (kind === KIND_ENUM) {
      const index = enumValues[i]!.indexOf(v as string);
      if (index < 0) throw new RangeError(`field "${name}" has no value ${JSON.stringify(v)}`);
      writeWire(view, at, wire, index);
    } else {
      if (typeof v !== 'number' || !(v >= min[i]! && v <= max[i]!)) {
        throw new RangeError(`field "${name}" = ${String(v)} is outside ${min[i]}..${max[i]}`);
      }
      const raw = Math.round(v * perUnit[i]!);
      writeWire(view, at, wire, kind === KIND_COUNTER ? raw % (WIRE_RANGE[wire][1] + 1) : raw);
    }
  }
}
