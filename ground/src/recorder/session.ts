import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@cansat/protocol/node';

/** What a recording is of: a real flight, a rehearsal, a simulation-mode run, or the simulator. */
export type SessionKind = 'flight' | 'rehearsal' | 'simulation' | 'simulator';

/** `session.json`: what a live session is, whether it stopped cleanly, and the times it was resumed. */
export interface SessionRecord {
  version: 1;
  kind: SessionKind;
  teamId: number;
  wireFormat: string;
  /** ms since the epoch */
  startedAt: number;
  /** The operator token, kept so that a restarted station lets the same crew in (the file is mode 600). */
  token: string;
  /** When it stopped cleanly (Ctrl-C); null while it runs, and after a crash. */
  stoppedAt: number | null;
  /** Each restart after an unclean stop: from the last thing recorded to the moment it resumed. */
  gaps: { lastRecordedAt: number; resumedAt: number }[];
}

/** An unclean stop older than this starts a new session: it is another flight, not the same one resumed. */
export const RESUME_WITHIN_MS = 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');
const RECORD = 'session.json';

/**
 * Creates the folder of a new recording session: `<root>/<date>_<time>_<kind>_team<id>`, made exclusively (a
 * suffix is added if the name exists), so that a rehearsal or a simulation can never write into a real flight's.
 */
export function createSessionFolder(root: string, kind: SessionKind, teamId: number, now = new Date()): string {
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return createFolderExclusive(join(root, `${stamp}_${kind}_team${teamId}`));
}

/** Makes `path`, or `path-2`, `path-3`… the first that does not exist yet (its parent made if needed): never reused. */
export function createFolderExclusive(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    try {
      mkdirSync(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Writes a session's record, readable by its owner only (it holds the operator token). */
export function writeSessionRecord(folder: string, record: SessionRecord): void {
  writeFileAtomic(join(folder, RECORD), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}

/** A session's record, or null when it has none (made before records were kept) or it cannot be read. */
export function readSessionRecord(folder: string): SessionRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(folder, RECORD), 'utf8')) as SessionRecord;
    return record.version === 1 && typeof record.token === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** The last moment anything was written into a session folder (its files' modification times), ms. */
export function lastRecordedAt(folder: string): number {
  let latest = 0;
  for (const name of readdirSync(folder)) latest = Math.max(latest, statSync(join(folder, name)).mtimeMs);
  return latest;
}

/** Why the team's last session can or cannot be resumed. */
export type ResumeDecision =
  | { resume: true; folder: string; record: SessionRecord; downMs: number }
  | { resume: false; why: string };

/**
 * Whether a station starting now should resume the team's last session of this kind: only when it stopped without
 * a clean stop (a crash, a closed terminal, a killed process) less than RESUME_WITHIN_MS ago, in the same wire
 * format. Only the last session is looked at: an older one was followed by another.
 */
export function findResumableSession(root: string, kind: SessionKind, teamId: number, wireFormat: string, now = Date.now()): ResumeDecision {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return { resume: false, why: 'no earlier session' };
  }
  const pattern = new RegExp(`^\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_${kind}_team${teamId}(-\\d+)?$`);
  const ours = names.filter((name) => pattern.test(name));
  // The time stamp sorts; a "-2" suffix of the same second sorts after its base.
  const last = ours.sort(bySessionTime).at(-1);
  if (!last) return { resume: false, why: `no earlier ${kind} session of team ${teamId}` };
  const folder = join(root, last);
  const record = readSessionRecord(folder);
  if (!record) return { resume: false, why: `the last session (${folder}) has no readable ${RECORD}` };
  if (record.stoppedAt !== null) return { resume: false, why: `the last session (${folder}) was stopped cleanly` };
  if (record.wireFormat !== wireFormat) return { resume: false, why: `the last session (${folder}) used --format ${record.wireFormat}` };
  const downMs = now - lastRecordedAt(folder);
  if (downMs > RESUME_WITHIN_MS) return { resume: false, why: `the last session (${folder}) stopped ${Math.round(downMs / 60_000)} min ago, over an hour` };
  return { resume: true, folder, record, downMs };
}

/** Orders session names in time: by their stamp (the first 19 characters), then by their "-n" suffix. */
function bySessionTime(a: string, b: string): number {
  const suffix = (name: string) => Number(/-(\d+)$/.exec(name)?.[1] ?? 1);
  return a.slice(0, 19) < b.slice(0, 19) ? -1 : a.slice(0, 19) > b.slice(0, 19) ? 1 : suffix(a) - suffix(b);
}
