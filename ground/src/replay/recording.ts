import { readFileSync } from 'node:fs';
import { AAS_PROFILES, parseHms, telemetryHeaderLine } from '@cansat/protocol';
import { readRawLog, type RadioMode, type RawChunk } from '../recorder/raw-log.ts';
import { replayTimes } from './timeline.ts';

/** A recording ready to replay: its chunks (receive times in ms from its start) and how to decode them. */
export interface Recording {
  teamId: number | null;
  wireFormat: string;
  /** How the radio delivered the chunks' bytes (XBee API frames keep each packet's RSSI). */
  radioMode: RadioMode;
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
    return { teamId: header.teamId, wireFormat: header.wireFormat, radioMode: header.radioMode ?? 'transparent', chunks: relative, duration: relative.at(-1)?.receivedAt ?? 0, startedAt: start };
  }
  const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.trim() ?? '';
  const year = Object.keys(AAS_PROFILES).find((y) => telemetryHeaderLine(AAS_PROFILES[Number(y)]!) === header.replace(/\s/g, ''));
  const format = year ? `aas-${year}` : wireFormat;
  if (!format) throw new Error(`${path}: not a kit recording (a radio.raw, or a Flight_<TEAM_ID>.csv the kit wrote): cansat-ground import reads other teams' files`);
  const body = year ? lines.slice(1) : lines;
  // Rows at their MISSION_TIME, but where it sticks, goes back or jumps, at the file's usual step (replayTimes).
  const seconds = body.map((line) => parseHms(line.split(',')[1] ?? ''));
  const { times } = replayTimes(seconds);
  const encoder = new TextEncoder();
  const chunks = body.map((line, i) => ({ receivedAt: times[i]!, bytes: encoder.encode(`${line}\r`) }));
  const teamId = Number(body[0]?.split(',')[0]);
  const first = seconds.find((s) => s !== null) ?? 0;
  return { teamId: Number.isInteger(teamId) ? teamId : null, wireFormat: format, radioMode: 'transparent', chunks, duration: chunks.at(-1)?.receivedAt ?? 0, startedAt: first * 1000 };
}

/** Whether a file is one the kit recorded (a raw log, or a CSV with a kit profile's header), not one to import. */
export function isKitRecording(path: string): boolean {
  const head = readFileSync(path).subarray(0, 4096).toString('latin1');
  if (head.startsWith('CANSAT-RAW')) return true;
  const header = head.split(/\r\n|\r|\n/)[0]?.replace(/\s/g, '') ?? '';
  return Object.values(AAS_PROFILES).some((profile) => telemetryHeaderLine(profile) === header);
}
