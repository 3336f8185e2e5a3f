/**
 * npm run bench [-- --json] [-- --quick]: measures the kit's figures and prints a table (or one JSON object,
 * keyed by figure, each with its value, unit and target).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { meetsTarget, type BenchOptions, type Figure } from './figure.ts';
import { protocolBench } from './protocol.bench.ts';
import { simBench } from './sim.bench.ts';
import { flightBench } from './flight.bench.ts';
import { dashboardBench } from './dashboard.bench.ts';
import { mavlinkBench } from './mavlink.bench.ts';
import { groundBench } from './ground.bench.ts';
import { importBench } from './import.bench.ts';
import { reportBench } from './report.bench.ts';
import { networkBench } from './network.bench.ts';
import { xbeeBench } from './xbee.bench.ts';

/** Every benchmark, in the order printed; the MAVLink peer is compared with our stream decoder from the same run. */
export const BENCHMARKS: readonly ((options: BenchOptions, sofar: Figure[]) => Promise<Figure[]>)[] = [
  protocolBench,
  (options, sofar) => mavlinkBench(options, sofar.find((f) => f.key === 'protocol.streamDecodePerSec')!.value),
  xbeeBench,
  simBench,
  flightBench,
  groundBench,
  importBench,
  reportBench,
  networkBench,
  dashboardBench,
];

/** Runs every benchmark. */
export async function runAll(options: BenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const bench of BENCHMARKS) figures.push(...(await bench(options, figures)));
  return figures;
}

const format = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : String(Number(n.toPrecision(3))));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--json] [--quick]\n  --json   one JSON object instead of a table\n  --quick  a tiny run that only checks the benchmarks work');
    return;
  }
  const figures = await runAll({ quick: values.quick });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  if (values.json) {
    const out: Record<string, unknown> = { machine };
    for (const f of figures) out[f.key] = { value: f.value, unit: f.unit, target: f.target ? `${f.target.op} ${f.target.value}` : null, met: meetsTarget(f) };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`machine: ${machine}${values.quick ? ' (quick run: figures are not meaningful)' : ''}\n`);
  const rows = figures.map((f) => [f.key, `${format(f.value)} ${f.unit}`, f.target ? `${f.target.op} ${format(f.target.value)}` : '', f.target ? (meetsTarget(f) ? 'yes' : 'NO') : '', f.note]);
  const header = ['figure', 'value', 'target', 'met', 'how'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
