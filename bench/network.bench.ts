import { encodeFrame } from '@cansat/protocol';
import { receptionTopic, type Reception } from '@cansat/protocol/network';
import { NetworkMerge, readPublication } from '@cansat/ground';
import { telemetry } from '../ground/test/helpers.ts';
import type { BenchOptions, Figure } from './figure.ts';

/**
 * The hub's receive path on one core, without the broker: each publication read (topic, JSON, schema, base64) and
 * merged (the frame's SHA-256, who heard it, each station's figures). Ten stations hear every frame.
 */
export async function networkBench({ quick }: BenchOptions): Promise<Figure[]> {
  const stations = Array.from({ length: 10 }, (_, i) => `station-${i}`);
  const frames = quick ? 2_000 : 30_000;
  const publications: { topic: string; payload: Buffer }[] = [];
  for (let n = 1; n <= frames; n++) {
    const frame = Buffer.from(encodeFrame(telemetry(n))).toString('base64');
    for (const [k, station] of stations.entries()) {
      const reception: Reception = { v: 1, station, receivedAt: (1_800_000_000_000 + n * 100 + k) * 1000, clock: 'ntp', decoded: true, backfill: false, frame };
      publications.push({ topic: receptionTopic(1234, station), payload: Buffer.from(JSON.stringify(reception)) });
    }
  }
  const runs: number[] = [];
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    const merge = new NetworkMerge();
    const started = performance.now();
    for (const { topic, payload } of publications) {
      const read = readPublication(topic, payload);
      if ('reception' in read) merge.add(read.reception, read.bytes, 0);
    }
    const seconds = (performance.now() - started) / 1000;
    if (merge.merged !== frames) throw new Error(`merged ${merge.merged} of ${frames}`);
    runs.push(publications.length / seconds);
  }
  runs.sort((a, b) => a - b);
  return [{ key: 'network.mergePerSec', value: runs[runs.length >> 1]!, unit: 'receptions/s', target: { op: '>=', value: 50_000 }, note: `the hub's receive path on one core (read, check, merge), ${stations.length} stations hearing each of ${frames.toLocaleString('en')} frames, median of ${runs.length}` }];
}
