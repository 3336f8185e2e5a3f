import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { formatTelemetryLine, telemetryHeaderLine, type AasProfile, type Telemetry } from '@cansat/protocol';

/**
 * `Flight_<TEAM_ID>.csv` as the competition wants it: the profile's header row, then one row per telemetry frame
 * received, written (one write a row) from the receive path as each frame is decoded, so a killed process leaves a
 * valid file up to its last row.
 */
export class CsvRecorder {
  private readonly fd: number;
  rows = 0;

  /** `append`: continue the file a crashed station left (a torn last line is cut off); otherwise a new file. */
  constructor(
    readonly path: string,
    private readonly profile: AasProfile,
    options: { append?: boolean } = {},
  ) {
    if (options.append && existsSync(path)) {
      const text = readFileSync(path, 'latin1');
      const whole = text.lastIndexOf('\n') + 1;
      if (whole < text.length) truncateSync(path, whole);
      this.rows = Math.max(0, text.slice(0, whole).split('\n').length - 2);
      this.fd = openSync(path, 'a');
      if (whole === 0) writeSync(this.fd, `${telemetryHeaderLine(profile)}\r\n`);
      return;
    }
    // 'wx': never overwrite a recording.
    this.fd = openSync(path, 'wx');
    writeSync(this.fd, `${telemetryHeaderLine(profile)}\r\n`);
  }

  /** Appends one row; `packetCount` is the full count (the binary frame carries it modulo 65536); `extra` after `,,`. */
  append(telemetry: Telemetry, extra: readonly string[] = []): void {
    writeSync(this.fd, `${formatTelemetryLine(telemetry, this.profile, extra).replace(/\r$/, '')}\r\n`);
    this.rows++;
  }

  close(): void {
    closeSync(this.fd);
  }
}
