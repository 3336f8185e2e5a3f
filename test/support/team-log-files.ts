import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TeamLog } from '@cansat/firmware-sim';
import { AAS_2025, encodeFrame, formatTelemetryLine } from '@cansat/protocol';
import { GroundStation } from '@cansat/ground';

/** 2026-06-13 14:00 UTC, the simulated launch day. */
const EPOCH = Date.parse('2026-06-13T14:00:00Z');

/** A team's log as its ground station wrote it: AAS 2025 lines, no header (as the 2025 SD-card log), CR LF. */
export function writeAasLog(log: TeamLog, teamId: number, file: string): string {
  const lines = log.rows.map(({ telemetry }) => formatTelemetryLine({ ...telemetry, teamId }, AAS_2025).replace(/\r$/, ''));
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

/** The same log as a kit recording: every row a binary frame through the kit's own ground station, into radio.raw. */
export function writeKitRecording(log: TeamLog, teamId: number, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const station = new GroundStation({ teamId, wireFormat: 'binary', source: 'simulator: team log', record: { folder, kind: 'simulator' } });
  for (const { at, telemetry } of log.rows) station.ingest(encodeFrame({ ...telemetry, teamId }), EPOCH + Math.round(at * 1000));
  station.close();
  return folder;
}

/** Writes both under `dir`; returns their paths. */
export function writeTeamLog(log: TeamLog, teamId: number, dir: string, name: string): { aas: string; kit: string } {
  mkdirSync(dir, { recursive: true });
  return { aas: writeAasLog(log, teamId, join(dir, `${name}.csv`)), kit: writeKitRecording(log, teamId, join(dir, name)) };
}
