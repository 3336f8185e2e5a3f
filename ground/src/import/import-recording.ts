import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, mkdirSync, openSync, readSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { AAS_PROFILES, type AasProfile } from '@cansat/protocol';
import { writeFileAtomic } from '@cansat/protocol/node';
import { CsvRecorder } from '../recorder/csv-recorder.ts';
import { createFolderExclusive } from '../recorder/session.ts';
import { ImportedFlightRows, type ImportedFlight } from './import-flight.ts';
import { importTelemetry, type ImportOptions, type ImportSummary, type LayoutInfo } from './importer.ts';
import { emptyXbeeSummary, xbeeCaptureData, xbeeCaptureForm, type XbeeCaptureSummary } from './xbee-capture.ts';

/** A file imported as a kit recording. */
export interface ImportedRecording {
  source: string;
  /** The recording's folder, or null when nothing could be imported (no folder is left behind). */
  folder: string | null;
  csv: string | null;
  summary: ImportSummary;
  /** The flight the rows hold, from their physics; null without rows, or for a file too long to hold for it. */
  flight: ImportedFlight | null;
  /** For an XBee API capture: its frames, whose data was read as the telemetry; null for any other file. */
  xbee: XbeeCaptureSummary | null;
}

/** The kit's Flight_<TEAM_ID>.csv layout for a file of this layout: its year's when the kit has it, else 2025's. */
function kitProfileFor(profileId: string): AasProfile {
  const year = Number(/^aas-(\d{4})/.exec(profileId)?.[1]);
  return AAS_PROFILES[year] ?? AAS_PROFILES[2025]!;
}

/**
 * Imports another team's telemetry file as a kit recording: `<out>/<name>_team<id>/` holds the kit's
 * `Flight_<TEAM_ID>.csv` (replay, report and the dashboard read it like any recording), `original/<name>` (the
 * file as it was, untouched), and `import.json` (what was done: the summary, the layout, the columns kept as extra
 * data after the `,,` of each row). Streams the file.
 */
export async function importRecording(file: string, options: ImportOptions & { out: string }): Promise<ImportedRecording> {
  let folder: string | null = null;
  let csv: CsvRecorder | null = null;
  let csvPath: string | null = null;
  let layout: LayoutInfo | null = null;
  let profile: AasProfile = AAS_PROFILES[2025]!;
  let extraNames: string[] = [];
  let currentAsExtra = false;
  const hash = createHash('sha256');
  const source = createReadStream(file);
  source.on('data', (chunk) => hash.update(chunk));
  const name = basename(file, extname(file)).replace(/[^\w.-]+/g, '_');
  const flightRows = new ImportedFlightRows();
  // An XBee API capture (a station's radio in API mode): the data its frames carried is what is read.
  const form = xbeeCaptureForm(headOf(file));
  const xbee = form ? emptyXbeeSummary(form) : null;
  const lines = form && xbee ? xbeeCaptureData(source, form, xbee) : source;
  const summary = await importTelemetry(lines, { ...options, onLayout: (info) => (layout = info) }, (row) => {
    if (!csv) {
      folder = createFolderExclusive(join(options.out, `${name}_team${row.telemetry.teamId}`));
      profile = kitProfileFor(layout?.profileId ?? '');
      // The 2026 guide's layout has no CURRENT column; a file that has one keeps it, as extra data.
      currentAsExtra = !profile.columns.some((c) => 'field' in c && c.field === 'current') && (layout?.columns.some((c) => c.key === 'current') ?? false);
      extraNames = [...(currentAsExtra ? ['CURRENT'] : []), ...(layout?.columns.filter((c) => c.key === null).map((c) => c.name) ?? [])];
      csvPath = join(folder, `Flight_${row.telemetry.teamId}.csv`);
      csv = new CsvRecorder(csvPath, profile, { batch: true });
    }
    const extra = currentAsExtra ? [row.telemetry.current === null ? '' : String(row.telemetry.current), ...row.extra] : row.extra;
    csv.append(row.telemetry, extra.some((v) => v !== '') ? extra : []);
    flightRows.add(row.telemetry);
  });
  (csv as CsvRecorder | null)?.close();
  if (folder === null) return { source: file, folder: null, csv: null, summary, flight: null, xbee };
  const flight = flightRows.flight();
  const made: string = folder;
  mkdirSync(join(made, 'original'));
  copyFileSync(file, join(made, 'original', basename(file)));
  const manifest = {
    source: basename(file),
    sha256: hash.digest('hex'),
    importedAt: new Date().toISOString(),
    kitProfile: `aas-${profile.year}`,
    extraColumns: extraNames,
    summary,
    flight,
    xbee,
  };
  writeFileAtomic(join(made, 'import.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { source: file, folder: made, csv: csvPath, summary, flight, xbee };
}

/** The first 4 KiB of a file, to tell what it is. */
function headOf(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const head = new Uint8Array(4096);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}
