import { spawn } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { folder } from './helpers.ts';
import { highWaterMb } from '../../bench/proc-usage.ts';

const BIN = new URL('../bin/cansat-ground.js', import.meta.url).pathname;
const GIGABYTE = 1 << 30;

/** 1 GiB of random CSV: packet-like rows, junk, unbalanced quotes, NUL bytes, invalid UTF-8, all line ends. */
async function writeRandomCsv(path: string): Promise<void> {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const words = ['1093', '3130', '12:00:01', '0:0:0', 'ASCENT', 'F', '-1', '99130.8', '"quoted, text"', 'CMD', 'x"y', '', 'LAUNCH_PAD', '0.000', '$1093', '\u00ff\u00fe', '\u0000', '"'];
  const lines = Array.from({ length: 4000 }, () => {
    const fields = Array.from({ length: 1 + Math.floor(random() * 40) }, () => words[Math.floor(random() * words.length)]);
    return `${fields.join(',')}${['\n', '\r\n', '\r'][Math.floor(random() * 3)]}`;
  });
  const out = createWriteStream(path);
  for (let written = 0; written < GIGABYTE; ) {
    let chunk = '';
    while (chunk.length < 1 << 20) chunk += lines[Math.floor(random() * lines.length)];
    written += chunk.length;
    if (!out.write(chunk, 'latin1')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('cansat-ground import of a 1 GiB file of random CSV', () => {
  it('streams it in bounded memory, gives every row a reason, and finishes', async () => {
    const work = folder();
    const file = join(work, 'random.csv');
    try {
      await writeRandomCsv(file);
      expect(statSync(file).size).toBeGreaterThanOrEqual(GIGABYTE);
      const child = spawn(process.execPath, [BIN, 'import', file, '--out', join(work, 'out'), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      // The kernel's high-water mark of the process's resident memory, read while it runs.
      let peakMb = 0;
      const watch = setInterval(() => (peakMb = Math.max(peakMb, highWaterMb(child.pid!))), 100);
      const [code] = (await once(child, 'exit')) as [number];
      clearInterval(watch);
      const [summary] = JSON.parse(stdout) as { rowsRead: number; rowsImported: number; rowsDropped: Record<string, number> }[];
      expect(code === 0 || code === 1).toBe(true);
      expect(summary!.rowsRead).toBeGreaterThan(5_000_000);
      expect(summary!.rowsImported + Object.values(summary!.rowsDropped).reduce((a, b) => a + b, 0)).toBe(summary!.rowsRead);
      console.info(`1 GiB of random CSV: ${summary!.rowsRead} rows, ${summary!.rowsImported} imported, peak memory ${peakMb.toFixed(0)} MB`);
      expect(peakMb).toBeGreaterThan(0);
      expect(peakMb).toBeLessThan(200);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});
