import { STANDARD_TEMPERATURE, altitudeAbove } from '../altitude.ts';
import { MAX_SIMP_PASCALS } from '../commands.ts';

/** A line of a simulated-pressure file that is not `CMD,$,SIMP,<Pa>`. */
export interface SimPressureFileError {
  /** 1-based line number. */
  line: number;
  text: string;
  reason: string;
}

/** The pressures of a simulated-pressure file, in order, and the lines that could not be read. */
export interface SimPressureFile {
  pascals: number[];
  /** The 1-based line number of each pressure. */
  lines: number[];
  errors: SimPressureFileError[];
}

/** Pa: the air pressures a flight can meet, from about 9 km up to a deep low at sea level. */
export const PLAUSIBLE_PASCALS = { min: 30_000, max: 110_000 } as const;

/**
 * Reads the judges' simulated-pressure file: lines `CMD,$,SIMP,<Pa>`, where `$` stands for the team id (a team's
 * own number is accepted too), `#` starts a comment and blank lines are ignored. Never throws.
 */
export function parseSimPressureFile(text: string): SimPressureFile {
  const pascals: number[] = [];
  const lines: number[] = [];
  const errors: SimPressureFileError[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const words = content.split(',').map((w) => w.trim());
    const [cmd, team, name, value] = words;
    let reason: string | null = null;
    if (words.length !== 4 || cmd?.toUpperCase() !== 'CMD' || name?.toUpperCase() !== 'SIMP') reason = 'expected CMD,$,SIMP,<Pa>';
    else if (team !== '$' && !/^\d{1,5}$/.test(team ?? '')) reason = `team "${team}" is neither $ nor a number`;
    else if (!/^\d+$/.test(value ?? '') || Number(value) > MAX_SIMP_PASCALS) {
      reason = `pressure "${value}" is not a whole number of pascals up to ${MAX_SIMP_PASCALS}`;
    }
    if (reason === null) {
      pascals.push(Number(value));
      lines.push(index + 1);
    } else {
      errors.push({ line: index + 1, text: raw, reason });
    }
  });
  return { pascals, lines, errors };
}

/**
 * The altitudes a file's pressures imply, m above its first pressure by the standard atmosphere: the flight the
 * CanSat will be asked to fly (it takes the first SIMP as its ground).
 */
export function simPressureProfile(pascals: readonly number[]): number[] {
  const ground = pascals[0];
  if (ground === undefined) return [];
  return pascals.map((p) => altitudeAbove(p, { pressure: ground, temperature: STANDARD_TEMPERATURE }));
}
