import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces `path` with `text` so that a power cut at any instant leaves either the old or the new file, never a
 * mix: write a temporary file, fsync it, (with `keepPrevious`) keep the old file as `<path>.prev`, rename the new
 * one over, and fsync the folder so the renames themselves are on the card. Shared by the CanSat's mission state
 * and the ground's command counter. `mode` is set before anything is written (a secret is never readable by others).
 */
export function writeFileAtomic(path: string, text: string, options: { keepPrevious?: boolean; mode?: number } = {}): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', options.mode ?? 0o666);
  try {
    if (options.mode !== undefined) fchmodSync(fd, options.mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (options.keepPrevious) {
    try {
      renameSync(path, `${path}.prev`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  renameSync(temporary, path);
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
