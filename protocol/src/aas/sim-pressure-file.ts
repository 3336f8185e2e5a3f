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
  errors: SimPressureFileError[];
}

/**
 * Reads the judges' simulated-pressure file: lines `CMD,$,SIMP,<Pa>`, where `$` stands for the team id (a team's
 * own number is accepted too), `#` starts a comment and blank lines are ignored. Never throws.
 */
export function parseSimPressureFile(text: string): SimPressureFile {
  const pascals: number[] = [];
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
    };
    if (reason === null) pascals.push(Number(value));
    else errors.push({ line: index + 1, text: raw, reason });
  });
  return { pascals, errors };
}
