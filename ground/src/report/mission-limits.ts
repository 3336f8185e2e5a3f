import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { KIT_LIMITS, type MissionLimits } from './flight-analysis.ts';

const Range = Type.Object({ min: Type.Number(), max: Type.Number() }, { additionalProperties: false });

/** A team's limits file: any part it gives replaces the kit's default. */
const LimitsFile = Type.Object(
  {
    release: Type.Optional(Type.Union([Type.Object({ fraction: Type.Number({ exclusiveMinimum: 0, maximum: 1 }), tolerance: Type.Number({ minimum: 0 }) }, { additionalProperties: false }), Type.Null()])),
    descent: Type.Optional(Type.Object({ APOGEE: Type.Optional(Range), PROBE_RELEASE: Type.Optional(Range), PAYLOAD_RELEASE: Type.Optional(Range) }, { additionalProperties: false })),
    landingSpeed: Type.Optional(Type.Union([Type.Object({ max: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** Reads `--limits FILE`; errors name the flag, the file and the field. */
export function readMissionLimits(path: string): MissionLimits {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`--limits ${path}: ${code === 'ENOENT' ? 'there is no such file' : `not valid JSON (${(error as Error).message})`}`);
  }
  const problem = Value.Errors(LimitsFile, json).First();
  if (problem) throw new Error(`--limits ${path}: ${problem.path || '(top level)'}: ${problem.message}`);
  const given = json as Partial<MissionLimits>;
  return {
    source: `${path}`,
    release: given.release === undefined ? KIT_LIMITS.release : given.release,
    descent: given.descent ?? {},
    landingSpeed: given.landingSpeed === undefined ? KIT_LIMITS.landingSpeed : given.landingSpeed,
  };
}
