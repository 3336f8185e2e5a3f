import fc from 'fast-check';
import { DEFRAME_ERRORS, deframe, encodeFrame, type DeframeError } from '../frame.ts';
import type { Message } from '../messages/index.ts';
import { arbitraryMessage } from './arbitrary-message.ts';
import { seededRandom } from './random.ts';

/** What a fuzz run found. A sound decoder has zero throws, zero corrupted frames accepted, and every intact frame recovered. */
export interface FuzzReport {
  cases: number;
  seed: number;
  bytes: number;
  throws: number;
  /** Frames accepted that are not byte-for-byte one of the frames the case was built from. */
  corruptedAccepted: number;
  /** Intact frames sent after each case's garbage, and how many came out. */
  intactSent: number;
  intactRecovered: number;
  rejected: Record<DeframeError, number>;
  elapsedMs: number;
  firstFailure?: string;
}

const MUTATIONS = ['random-bytes', 'bit-flips', 'truncation', 'splice', 'byte-insert-delete'] as const;

/**
 * Feeds `cases` hostile inputs through `deframe` the way the stream does (consume `length`, keep the rest): random
 * bytes, bit flips, truncations and splices of valid frames, each followed by one intact frame.
 */
export function runFuzz(cases: number, seed = 1): FuzzReport {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pool = fc
    .sample(arbitraryMessage(), { seed, numRuns: 256 })
    .map((m: Message) => ({ ...m, packetCount: m.packetCount % 65_536 }) as Message)
    .map((message) => ({ message, frame: encodeFrame(message), key: '' }));
  for (const entry of pool) entry.key = Buffer.from(entry.frame).toString('latin1');
  const known = new Set(pool.map((p) => p.key));
  const report: FuzzReport = {
    cases,
    seed,
    bytes: 0,
    throws: 0,
    corruptedAccepted: 0,
    intactSent: 0,
    intactRecovered: 0,
    rejected: Object.fromEntries(DEFRAME_ERRORS.map((e) => [e, 0])) as Record<DeframeError, number>,
    elapsedMs: 0,
  };
  const pick = () => pool[int(pool.length)]!;
  const started = performance.now();

  for (let c = 0; c < cases; c++) {
    const mutation = MUTATIONS[c % MUTATIONS.length]!;
    const garbage = mutate(mutation, pick, int);
    const intact = pick();
    const input = new Uint8Array(garbage.length + intact.frame.length);
    input.set(garbage);
    input.set(intact.frame, garbage.length);
    report.bytes += input.length;
    try {
      let at = 0;
      let last: Uint8Array | null = null;
      for (;;) {
        const result = deframe(input, at);
        if (result.status === 'more-needed') break;
        if (result.status === 'ok') {
          last = encodeFrame(result.message);
          if (!known.has(Buffer.from(last).toString('latin1'))) {
            report.corruptedAccepted++;
            report.firstFailure ??= `case ${c} (${mutation}) accepted ${Buffer.from(input).toString('hex')}`;
          }
        } else if (result.status !== 'empty') {
          report.rejected[result.status]++;
        }
        at += result.length;
      }
      report.intactSent++;
      if (last !== null && Buffer.from(last).toString('latin1') === intact.key) report.intactRecovered++;
      else report.firstFailure ??= `case ${c} (${mutation}) lost the intact frame after ${Buffer.from(garbage).toString('hex')}`;
    } catch (error) {
      report.throws++;
      report.firstFailure ??= `case ${c} (${mutation}) threw ${String(error)}`;
    }
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

type Entry = { frame: Uint8Array };

function mutate(mutation: (typeof MUTATIONS)[number], pick: () => Entry, int: (n: number) => number): Uint8Array {
  switch (mutation) {
    case 'random-bytes': {
      const bytes = new Uint8Array(1 + int(200));
      for (let i = 0; i < bytes.length; i++) bytes[i] = int(4) === 0 ? 0 : int(256);
      return bytes;
    }
    case 'bit-flips': {
      const bytes = pick().frame.slice();
      for (let n = 1 + int(8); n > 0; n--) bytes[int(bytes.length)]! ^= 1 << int(8);
      return bytes;
    }
    case 'truncation': {
      const frame = pick().frame;
      return frame.slice(0, int(frame.length));
    }
    case 'splice': {
      const a = pick().frame;
      const b = pick().frame;
      return Uint8Array.of(...a.subarray(0, int(a.length)), ...b.subarray(int(b.length)));
    }
    case 'byte-insert-delete': {
      const bytes = [...pick().frame];
      const at = int(bytes.length);
      if (int(2) === 0) bytes.splice(at, 1);
      else bytes.splice(at, 0, int(256));
      return Uint8Array.from(bytes);
    }
  }
}
