import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { formatTelemetryLine, telemetryHeaderLine, type AasProfile, type Telemetry } from '@cansat/protocol';

/**
 * `Flight_<TEAM_ID>.csv` as the competition wants it: the profile's header row, then one row per telemetry frame
 * received, written (one write a row) from the receive path as each frame is decoded, so a killed process leaves a
 * valid file up to its last row.
 */
export class CsvRecorder {
  private fd: number;
  rows = 0;
  /** Rows not written yet (only with `batch`). */
  private pending = '';
  private readonly batch: boolean;

  /**
   * `append`: continue the file a crashed station left (a torn last line is cut off); otherwise a new file.
   * `batch`: write 64 KiB at a time rather than a row at a time, for a file made in one go (an import), where a
   * write a row would be most of the time and a crash costs nothing but running it again.
   */
  constructor(
    readonly path: string,
    private readonly profile: AasProfile,
    options: { append?: boolean; batch?: boolean } = {},
  ) {
    this.batch = options.batch ?? false;
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
    const row = `${formatTelemetryLine(telemetry, this.profile, extra).slice(0, -1)}\r\n`;
    this.rows++;
    if (!this.batch) {
      writeSync(this.fd, row);
      return;
    }
    this.pending += row;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  /**
   * Writes the whole file again from `rows` (at a hub, after a frame that arrived late took its place), through a
   * temporary file and a rename: a crash leaves the old file or the new one, each whole.
   */
  rewrite(rows: Iterable<Telemetry>): void {
    this.flush();
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w');
    let count = 0;
    try {
      let text = `${telemetryHeaderLine(this.profile)}\r\n`;
      for (const telemetry of rows) {
        text += `${formatTelemetryLine(telemetry, this.profile).slice(0, -1)}\r\n`;
        count++;
        if (text.length >= 1 << 16) {
          writeSync(fd, text);
          text = '';
        }
      }
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.rows = count;
  }

  private flush(): void {
    if (this.pending === '') return;
    writeSync(this.fd, this.pending);
    this.pending = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
