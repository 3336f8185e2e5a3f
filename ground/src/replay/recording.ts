import { readFileSync } from 'node:fs';
import { AAS_PROFILES, parseHms, telemetryHeaderLine } from '@cansat/protocol';
import { readRawLog, type RawChunk } from '../recorder/raw-log.ts';

/** A recording ready to replay: its chunks (receive times in ms from its start) and how to decode them. */
export interface Recording {
  teamId: number | null;
  wireFormat: string;
  chunks: RawChunk[];
  /** ms from the first chunk to the last. */
  duration: number;
  /** When the first chunk was received (ms since the epoch; 0 for a CSV, whose times are times of day). */
  startedAt: number;
}

/**
 * Loads a session's raw log, or an AAS CSV file (ours, or another team's): each CSV row becomes a line of bytes at
 * its MISSION_TIME, and the profile is the year whose header the file has.
 */
export function loadRecording(path: string, wireFormat?: string): Recording {
  const head = readFileSync(path).subarray(0, 16).toString('latin1');
  if (head.startsWith('CANSAT-RAW')) {
    const { header, chunks } = readRawLog(path);
    const start = chunks[0]?.receivedAt ?? 0;
    const relative = chunks.map((c) => ({ receivedAt: c.receivedAt - start, bytes: c.bytes }));
    return { teamId: header.teamId, wireFormat: header.wireFormat, chunks: relative, duration: relative.at(-1)?.receivedAt ?? 0, startedAt: start };
  }
  const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.trim() ?? '';
  const year = Object.keys(AAS_PROFILES).find((y) => telemetryHeaderLine(AAS_PROFILES[Number(y)]!) === header.replace(/\s/g, ''));
  const format = year ? `aas-${year}` : wireFormat;
  if (!format) throw new Error(`${path}: not a CanSat raw log, and its header matches no AAS profile (give --format aas-<year>)`);
  const body = year ? lines.slice(1) : lines;
  // The first row is at 0; each row at its MISSION_TIME after the first, never before the row above it; a row
  // without a readable time comes a second after the one above.
  let first: number | null = null;
  let previous = -1000;
  const chunks = body.map((line) => {
    const seconds = parseHms(line.split(',')[1] ?? '');
    let at = previous + 1000;
    if (seconds !== null) {
      first ??= seconds * 1000 - Math.max(0, at);
      at = Math.max(previous, seconds * 1000 - first);
    }
    previous = at;
    return { receivedAt: Math.max(0, at), bytes: new TextEncoder().encode(`${line}\r`) };
  });
  const teamId = Number(body[0]?.split(',')[0]);
  return { teamId: Number.isInteger(teamId) ? teamId : null, wireFormat: format, chunks, duration: chunks.at(-1)?.receivedAt ?? 0, startedAt: (first ?? 0) };
}
