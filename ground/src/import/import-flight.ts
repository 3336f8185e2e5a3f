import { formatHms, reconstructFlight, type HeightSource, type ReconstructionRow } from '@cansat/protocol';
import { translatorFor } from '@cansat/protocol/i18n';
import { replayTimes } from '../replay/timeline.ts';

/** What an imported file's flight was, from its physics: said in the import's summary and kept in import.json. */
export interface ImportedFlight {
  heightSource: HeightSource | null;
  /**
   * Times of day (the file's own clock, hh:mm:ss) of the first row off the pad, the apogee and the landing, when the
   * file holds them.
   */
  liftoff: string | null;
  apogee: { height: number; at: string } | null;
  landing: string | null;
  /** The parts of the file between power cycles. */
  segments: number;
  /** What the team's data did, in English (the report says it in any language). */
  findings: string[];
}

/** Rows kept for the flight's reconstruction; a longer file's flight is left to `cansat-ground report`. */
const MOST_ROWS = 1_000_000;
const ENGLISH = translatorFor('en');

/** Collects the columns the reconstruction reads as rows stream past (memory: six numbers a row, up to MOST_ROWS). */
export class ImportedFlightRows {
  private readonly rows: ReconstructionRow[] = [];
  private tooMany = false;

  add(row: ReconstructionRow): void {
    if (this.rows.length >= MOST_ROWS) this.tooMany = true;
    else this.rows.push({ pressure: row.pressure, altitude: row.altitude, gpsAltitude: row.gpsAltitude, packetCount: row.packetCount, missionTime: row.missionTime, state: row.state });
  }

  /** The flight, or null for a file too long to hold here or with no rows. */
  flight(): ImportedFlight | null {
    if (this.tooMany || this.rows.length === 0) return null;
    const { times } = replayTimes(this.rows.map((r) => r.missionTime / 1000));
    const physics = reconstructFlight(this.rows, times.map((t) => t / 1000));
    const found = physics.main === null ? null : physics.flights[physics.main]!;
    const clock = (row: number) => formatHms(this.rows[row]!.missionTime / 1000);
    return {
      heightSource: physics.source,
      liftoff: found?.liftoff ? clock(Math.min(found.liftoff.row + 1, this.rows.length - 1)) : null,
      apogee: found?.apogee ? { height: Math.round(found.apogee.height * 10) / 10, at: clock(found.apogee.row) } : null,
      landing: found?.landing ? clock(found.landing.row) : null,
      segments: physics.segments.length,
      findings: physics.findings.map((f) => `${f.kind}: ${ENGLISH.t(f.key, f.params)}`),
    };
  }
}
