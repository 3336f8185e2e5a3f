import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CommandStatus } from '@cansat/protocol/station';
import { GroundStation } from '../ground-station.ts';
import { importRecording } from '../import/import-recording.ts';
import { isKitRecording, loadRecording } from '../replay/recording.ts';
import type { FlightRecord } from './flight-analysis.ts';

/**
 * A recording as the report reads it: a session folder (its radio.raw, else its Flight_<TEAM_ID>.csv, and its
 * commands.jsonl), a raw log, a kit CSV, or any team's file (imported on the way, nothing left behind). The bytes
 * go through the same decoder as live reception and replay, so the report sees what the dashboard saw.
 */
export async function loadFlight(path: string): Promise<FlightRecord> {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  let file = path;
  let commands: CommandStatus[] | null = null;
  let name = basename(path);
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path);
    const csv = names.find((n) => /^Flight_\d+\.csv$/.test(n));
    const found = names.includes('radio.raw') ? 'radio.raw' : csv;
    if (!found) throw new Error(`${path}: no radio.raw or Flight_<TEAM_ID>.csv in it`);
    file = join(path, found);
    if (names.includes('commands.jsonl')) commands = readCommands(join(path, 'commands.jsonl'));
  } else if (basename(path) === 'radio.raw' || /^Flight_\d+\.csv$/.test(basename(path))) {
    name = basename(join(path, '..'));
  }
  if (isKitRecording(file)) return decode(file, name, commands, true);
  // Another team's file: through the importer, into a folder that goes when it has been read.
  const scratch = mkdtempSync(join(tmpdir(), 'cansat-report-import-'));
  try {
    const imported = await importRecording(file, { out: scratch });
    if (!imported.csv) throw new Error(`${path}: no row of it could be read as telemetry (${Object.entries(imported.summary.rowsDropped).map(([k, n]) => `${k} ${n}`).join(', ') || 'no rows'})`);
    return decode(imported.csv, name, null, false);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function decode(file: string, name: string, commands: CommandStatus[] | null, kit: boolean): FlightRecord {
  const recording = loadRecording(file);
  const station = new GroundStation({ teamId: recording.teamId ?? 0, wireFormat: recording.wireFormat, radioMode: recording.radioMode, source: file, replay: true });
  for (const chunk of recording.chunks) station.ingest(chunk.bytes, recording.startedAt + chunk.receivedAt);
  station.close();
  // A raw log's times are the ground's clock (a date); a CSV's are times of day only.
  const dated = recording.startedAt > 86_400_000;
  return {
    name,
    teamId: recording.teamId ?? 0,
    startedAt: dated ? recording.startedAt : null,
    rows: station.telemetry,
    rssi: station.rssi,
    events: station.events,
    framesLost: station.linkStats(Date.now()).framesLost,
    commands,
    kit,
  };
}

/** The last status of each command in a session's history. */
function readCommands(path: string): CommandStatus[] {
  const latest = new Map<string, CommandStatus>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const status = JSON.parse(line) as CommandStatus;
      latest.set(status.id, status);
    } catch {
      // A torn last line.
    }
  }
  return [...latest.values()];
}
