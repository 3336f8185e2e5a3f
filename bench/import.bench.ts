import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, Figure } from './figure.ts';
import { highWaterMb } from './proc-usage.ts';

const BIN = new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname;

/** A team's 2026 file as teams write it (no header, 22 columns, pressure in Pa, the echo with its commas). */
async function writeTeamFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const clock = (s: number) => `${Math.floor(s / 3600) % 24}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const altitude = (Math.abs(((i % 1400) - 700) * 1.3)).toFixed(1);
    chunk += `1093,${clock(i)},${i},F,DESCENT,${altitude},24.9,${(99_130.8 - Number(altitude) * 11.4).toFixed(1)},7.68,0.24,-0.1,0.1,-0.1,-5.68,5.68,-9.41,${clock(i)},800.0,34.72280,-86.63900,9,CMD,1093,CX,ON\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** `cansat-ground import` of a big team file, as a user runs it: rows per second from spawn to exit, and memory. */
export async function importBench({ quick }: BenchOptions): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'cansat-bench-import-'));
  try {
    const rows = quick ? 20_000 : 1_000_000;
    const file = join(work, 'Vortex_like.csv');
    await writeTeamFile(file, rows);
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'import', file, '--out', join(work, 'out'), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    let peakMb = 0;
    const watch = setInterval(() => (peakMb = Math.max(peakMb, highWaterMb(child.pid!))), 50);
    await once(child, 'exit');
    clearInterval(watch);
    const seconds = (performance.now() - started) / 1000;
    const [summary] = JSON.parse(stdout) as { rowsImported: number }[];
    if (summary?.rowsImported !== rows) throw new Error(`imported ${summary?.rowsImported} of ${rows} rows`);
    return [
      { key: 'import.rowsPerSec', value: rows / seconds, unit: 'rows/s', target: { op: '>=', value: 100_000 }, note: `cansat-ground import of ${rows.toLocaleString('en')} rows of a 2026 team file (no header, Pa, echoes with commas), spawn to exit: layout fit, kit CSV written, original copied and hashed` },
      { key: 'import.peakRssMb', value: peakMb, unit: 'MB', target: { op: '<', value: 200 }, note: 'the same process, its high-water mark' },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
