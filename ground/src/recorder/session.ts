import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a recording is of: a real flight, a rehearsal, a simulation-mode run, or the simulator. */
export type SessionKind = 'flight' | 'rehearsal' | 'simulation' | 'simulator';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Creates the folder of a new recording session: `<root>/<date>_<time>_<kind>_team<id>`, made exclusively (a
 * suffix is added if the name exists), so that a rehearsal or a simulation can never write into a real flight's.
 */
export function createSessionFolder(root: string, kind: SessionKind, teamId: number, now = new Date()): string {
  mkdirSync(root, { recursive: true });
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  const base = join(root, `${stamp}_${kind}_team${teamId}`);
  for (let n = 1; ; n++) {
    const path = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
