import { describe, expect, it } from 'vitest';
import { runAll } from './run.ts';

// A smoke run: it proves every benchmark still runs and reports its figures. Timings are never asserted here.
describe('npm run bench', () => {
  it('reports every figure as a finite positive number (a share of losses may be nought)', async () => {
    const figures = await runAll({ quick: true });
    expect(figures.map((f) => f.key)).toContain('protocol.decodePerSec');
    for (const figure of figures) expect(Number.isFinite(figure.value) && (figure.value > 0 || (figure.unit === '%' && figure.value === 0)), figure.key).toBe(true);
    expect(figures.find((f) => f.key === 'protocol.bytesPerFrame')!.value).toBe(64);
  }, 150_000);
});
