/**
 * npm run fuzz [-- --cases N --seed S]: the suite's deframe fuzz test at a larger count (default 10^7), then the XBee
 * API deframer's in both API modes at the same count; prints the figures and exits non-zero if anything was thrown,
 * a corrupted frame (or kit message inside an XBee frame) accepted, or an intact frame lost.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from '../src/testing/fuzz.ts';
import { runXbeeFuzz } from '../src/testing/xbee-fuzz.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run fuzz -- [--cases N] [--seed S]\n  Fuzzes the binary frame decoder with N hostile inputs (default 10000000).');
  process.exit(0);
}
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 1) throw new TypeError(`"--cases" must be a positive integer, not ${values.cases}`);

const chunk = 1_000_000;
const total = { cases: 0, bytes: 0, throws: 0, corruptedAccepted: 0, intactSent: 0, intactRecovered: 0, elapsedMs: 0 };
const rejected: Record<string, number> = {};
for (let done = 0, round = 0; done < cases; done += chunk, round++) {
  const report = runFuzz(Math.min(chunk, cases - done), seed + round);
  for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report[key];
  for (const [reason, count] of Object.entries(report.rejected)) rejected[reason] = (rejected[reason] ?? 0) + count;
  if (report.firstFailure) console.log(`failure: ${report.firstFailure}`);
  process.stdout.write(`\r${total.cases.toLocaleString('en')} cases`);
}
console.log('');
console.table({ ...total, elapsedMs: Math.round(total.elapsedMs), seed, casesPerSec: Math.round(total.cases / (total.elapsedMs / 1000)) });
console.table(rejected);
let sound = total.throws === 0 && total.corruptedAccepted === 0 && total.intactRecovered === total.intactSent;
for (const escaped of [false, true]) {
  const xbee = { cases: 0, throws: 0, spurious: 0, singleByteAccepted: 0, kitCorruptedAccepted: 0, intactRecovered: 0, elapsedMs: 0 };
  for (let done = 0, round = 0; done < cases; done += chunk, round++) {
    const report = runXbeeFuzz(Math.min(chunk, cases - done), seed + round, escaped);
    for (const key of Object.keys(xbee) as (keyof typeof xbee)[]) xbee[key] += report[key];
    process.stdout.write(`\rXBee API mode ${escaped ? 2 : 1}: ${xbee.cases.toLocaleString('en')} cases`);
  }
  console.log('');
  console.table({ ...xbee, elapsedMs: Math.round(xbee.elapsedMs), casesPerSec: Math.round(xbee.cases / (xbee.elapsedMs / 1000)) });
  // An 8-bit checksum lets some damage by as frames (spurious); what they carry must never pass the kit's CRC-32C.
  sound &&= xbee.throws === 0 && xbee.kitCorruptedAccepted === 0 && xbee.singleByteAccepted === 0 && xbee.intactRecovered >= 0.99 * xbee.cases;
}
console.log(sound ? 'fuzz: sound' : 'fuzz: FAILED');
process.exit(sound ? 0 : 1);
