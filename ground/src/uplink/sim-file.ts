import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { PLAUSIBLE_PASCALS, parseSimPressureFile, simPressureProfile, type SimPressureFileError } from '@cansat/protocol';
import type { SimFileInfo } from '@cansat/protocol/station';

/** A judges' simulated-pressure file, read and checked for the SIMP player. */
export interface SimFile {
  /** The file's name, without its folder. */
  name: string;
  /** Pa, one a second, in order. */
  pascals: number[];
  /** m above the first pressure, one per pressure: the flight the file asks for. */
  profile: number[];
  /** Lines that are not SIMP commands (skipped). */
  skipped: SimPressureFileError[];
}

/** How many implausible lines an error names before it says "and N more". */
const NAMED = 5;

/**
 * Reads `path` for `cansat-ground live --sim-file`. Throws an Error a crew can act on when the file cannot be read,
 * holds no `CMD,$,SIMP,<Pa>` line at all (a `Time,Pressure` CSV, say), or holds pressures no flight meets (outside
 * 30-110 kPa), unless `force` says to fly them anyway.
 */
export function loadSimFile(path: string, options: { force?: boolean } = {}): SimFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the simulated-pressure file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const file = parseSimPressureFile(text);
  if (file.pascals.length === 0) {
    const first = file.errors[0];
    throw new Error(
      `${path} is not a simulated-pressure file: no line in it reads CMD,$,SIMP,<pascals> (one command a line, e.g. CMD,$,SIMP,101325, as the judges' files have)` +
        (first ? `; line ${first.line} reads "${first.text.trim().slice(0, 60)}"` : '; it is empty'),
    );
  }
  const implausible = file.pascals.flatMap((p, i) => (p < PLAUSIBLE_PASCALS.min || p > PLAUSIBLE_PASCALS.max ? [`${path}:${file.lines[i]}: ${p} Pa`] : []));
  if (implausible.length > 0 && options.force !== true) {
    const more = implausible.length > NAMED ? `\n  and ${implausible.length - NAMED} more` : '';
    throw new Error(
      `${implausible.length} of ${file.pascals.length} pressures are not plausible air pressures (${PLAUSIBLE_PASCALS.min / 1000}-${PLAUSIBLE_PASCALS.max / 1000} kPa):\n  ${implausible.slice(0, NAMED).join('\n  ')}${more}\ngive --force to fly the file anyway`,
    );
  }
  return { name: basename(path), pascals: file.pascals, profile: simPressureProfile(file.pascals), skipped: file.errors };
}

/** What the dashboards are told of the file: its name, its length, and its profile to the decimetre. */
export function simFileInfo(file: SimFile): SimFileInfo {
  return { name: file.name, pressures: file.pascals.length, profile: file.profile.map((h) => Math.round(h * 10) / 10) };
}
