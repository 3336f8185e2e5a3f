import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { TeamLayout } from '../aas/team-layout.ts';

/** Reads a team's layout file (TeamLayout as JSON); errors name `what` (the option or setting) and the file. */
export function readTeamLayout(path: string, what: string): TeamLayout {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${what} ${path}: ${code === 'ENOENT' ? 'there is no such file' : code ? code : `not valid JSON (${(error as Error).message})`}`);
  }
  const problem = Value.Errors(TeamLayout, json).First();
  if (problem) throw new Error(`${what} ${path}: ${problem.path || '(top level)'}: ${problem.message}`);
  return json as TeamLayout;
}
