import { deframe, encodeFrame } from '../frame.ts';
import { XbeeDeframer, encodeXbeeFrame, type XbeeFrame } from '../xbee/index.ts';
import { seededRandom } from './random.ts';
import { SAMPLE_TELEMETRY } from './sample-messages.ts';

/** What a run of the XBee fuzz saw. */
export interface XbeeFuzzReport {
  cases: number;
  throws: number;
  /** Frames the damage made that passed the 8-bit checksum (about 1 in 400 cases: what such a checksum lets by). */
  spurious: number;
  /** Of those, frames whose one changed byte passed in mode 1: a single change always changes the sum, so 0. */
  singleByteAccepted: number;
  /** Kit messages inside spurious frames that decoded but differ from the one sent: the CRC-32C stops them, so 0. */
  kitCorruptedAccepted: number;
  intactRecovered: number;
  elapsedMs: number;
}

/**
 * `cases` rounds of: junk, a receive frame carrying a kit telemetry frame with one to three bytes changed, and the
 * same frame intact, through a fresh deframer in API mode 1 or 2 (`escaped`), flushed at the end.
 */
export function runXbeeFuzz(cases: number, seed: number, escaped: boolean): XbeeFuzzReport {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const sample: XbeeFrame = { kind: 'rx16', source16: '1234', rssi: -71, options: 0, data: encodeFrame(SAMPLE_TELEMETRY) };
  const wire = encodeXbeeFrame(sample, escaped);
  const same = (f: XbeeFrame) => f.kind === 'rx16' && f.rssi === -71 && f.data.length === sample.data.length && f.data.every((b, i) => b === sample.data[i]);
  const expected = JSON.stringify(SAMPLE_TELEMETRY);
  const report: XbeeFuzzReport = { cases, throws: 0, spurious: 0, singleByteAccepted: 0, kitCorruptedAccepted: 0, intactRecovered: 0, elapsedMs: 0 };
  const started = performance.now();
  for (let round = 0; round < cases; round++) {
    const damaged = wire.slice();
    const changes = 1 + int(3);
    for (let k = 0; k < changes; k++) {
      const at = 1 + int(damaged.length - 1);
      damaged[at] = (damaged[at]! + 1 + int(255)) & 0xff;
    }
    const junk = Uint8Array.from({ length: int(8) }, () => int(256));
    const frames: XbeeFrame[] = [];
    try {
      const deframer = new XbeeDeframer(escaped);
      for (const chunk of [junk, damaged, wire]) deframer.push(chunk, (f) => frames.push(f));
      deframer.flush((f) => frames.push(f));
    } catch {
      report.throws++;
      continue;
    }
    if (frames.length > 0 && same(frames.at(-1)!)) report.intactRecovered++;
    for (const frame of frames) {
      if (same(frame)) continue;
      report.spurious++;
      if (changes === 1 && !escaped) report.singleByteAccepted++;
      const kit = deframe('data' in frame ? frame.data : new Uint8Array());
      if (kit.status === 'ok' && JSON.stringify(kit.message) !== expected) report.kitCorruptedAccepted++;
    }
  }
  report.elapsedMs = performance.now() - started;
  return report;
}
