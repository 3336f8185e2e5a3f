import { Type, type Static } from '@sinclair/typebox';
import { MISSION_STATES } from '../mission.ts';
import { TELEMETRY_FIELDS } from '../messages/telemetry.ts';

const numberFieldNames = TELEMETRY_FIELDS.filter((f) => f.kind === 'number').map((f) => f.name);
const Name = Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Column name as the competition guide spells it' });
const StateName = Type.Union(MISSION_STATES.map((s) => Type.Literal(s)));

/** One column of an AAS telemetry line. */
export const AasColumn = Type.Union([
  Type.Object(
    {
      name: Name,
      kind: Type.Literal('number'),
      field: Type.Union([...numberFieldNames, 'teamId', 'packetCount'].map((n) => Type.Literal(n))),
      decimals: Type.Integer({ minimum: 0, maximum: 7 }),
      readBack: Type.Optional(Type.Boolean({ description: 'false when another column already carries the field; default true' })),
      scale: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "The column's unit per kit unit (1000 for a pressure in Pa); default 1" })),
    },
    { description: 'A telemetry number written with fixed decimals; empty when absent' },
  ),
  Type.Object(
    { name: Name, kind: Type.Literal('time'), field: Type.Union([Type.Literal('missionTime'), Type.Literal('gpsTime')]) },
    { description: 'A time of day as hh:mm:ss (UTC)' },
  ),
  Type.Object(
    {
      name: Name,
      kind: Type.Literal('label'),
      field: Type.Union([Type.Literal('mode'), Type.Literal('state')]),
      labels: Type.Record(Type.String(), Type.String({ pattern: '^[^,\\r\\n]+$' })),
    },
    { description: "The text written for each of the field's values; reading takes the first value with that text" },
  ),
  Type.Object({ name: Name, kind: Type.Literal('echo') }, { description: 'CMD_ECHO: the last accepted command' }),
  Type.Object(
    { name: Name, kind: Type.Literal('flag'), from: StateName, yes: Type.String(), no: Type.String() },
    { description: '`yes` once the mission reached state `from`, else `no` (derived from the state)' },
  ),
  Type.Object(
    { name: Name, kind: Type.Literal('tilt'), axis: Type.Union([Type.Literal('x'), Type.Literal('y')]), decimals: Type.Integer({ minimum: 0, maximum: 4 }) },
    { description: 'Tilt angle in degrees from the gravity vector seen by the accelerometer (derived)' },
  ),
  Type.Object({ name: Name, kind: Type.Literal('blank') }, { description: 'A column the kit has no data for: written empty, ignored when read' }),
]);
export type AasColumn = Static<typeof AasColumn>;

/** A competition year's telemetry line layout and command set. */
export const AasProfile = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    description: Type.String(),
    columns: Type.Array(AasColumn, { minItems: 2 }),
  },
  { title: 'AasProfile', additionalProperties: false },
);
export type AasProfile = Static<typeof AasProfile>;
