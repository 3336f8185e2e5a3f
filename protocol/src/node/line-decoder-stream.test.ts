import { describe, expect, it } from 'vitest';
import { AAS_2025 } from '../aas/profiles.ts';
import { formatTelemetryLine } from '../aas/telemetry-line.ts';
import type { AasTelemetryLine } from '../aas/telemetry-line.ts';
import { SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';
import { aasCommandDecoder, aasTelemetryDecoder, type LineDecoderStream, type LineRejection } from './line-decoder-stream.ts';

async function run<T>(stream: LineDecoderStream<T>, chunks: (string | Uint8Array)[]) {
  const out: T[] = [];
  const rejections: LineRejection[] = [];
  stream.on('data', (v: T) => out.push(v));
  stream.on('reject', (r: LineRejection) => rejections.push(r));
  for (const chunk of chunks) stream.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve));
  return { out, rejections, stats: stream.stats };
}

const line = (packetCount: number) => formatTelemetryLine({ ...SAMPLE_TELEMETRY, packetCount }, AAS_2025);

describe('AAS line streams', () => {
  it('decodes lines written a byte at a time, two in a chunk, and split across chunks', async () => {
    const all = line(1) + line(2) + line(3);
    const byByte = await run(aasTelemetryDecoder(AAS_2025), [...all]);
    expect(byByte.out.map((v) => v.telemetry.packetCount)).toEqual([1, 2, 3]);
    const split = await run(aasTelemetryDecoder(AAS_2025), [all.slice(0, 40), all.slice(40, 200), all.slice(200)]);
    expect(split.out.map((v: AasTelemetryLine) => v.telemetry.packetCount)).toEqual([1, 2, 3]);
  });

  it('accepts CR, LF and CRLF endings and skips blank lines', async () => {
    const bare = line(1).trimEnd();
    const { out, stats } = await run(aasTelemetryDecoder(AAS_2025), [`${bare}\n\n${bare}\r\n${bare}\r\r\n`]);
    expect(out).toHaveLength(3);
    expect(stats.bytesSkipped).toBe(0);
  });

  it('recovers the next good line after garbage and a line cut short, counting each by reason', async () => {
    const { out, stats, rejections } = await run(aasTelemetryDecoder(AAS_2025, { teamId: 1234 }), [
      '\x00\xff garbage\r',
      line(1).slice(0, 50) + '\r',
      line(2),
      line(3).replace('1234', '4321'),
    ]);
    expect(out.map((v) => v.telemetry.packetCount)).toEqual([2]);
    expect(stats.rejected).toMatchObject({ 'bad-field-count': 2, 'wrong-team': 1 });
    expect(rejections[0]!.line).toBe('\x00\xff garbage');
  });

  it('drops an endless line without holding it, then decodes the next', async () => {
    const stream = aasTelemetryDecoder(AAS_2025);
    const chunks = Array.from({ length: 200 }, () => 'A'.repeat(999));
    const { out, stats } = await run(stream, [...chunks, '\r', line(5)]);
    expect(out.map((v) => v.telemetry.packetCount)).toEqual([5]);
    expect(stats.rejected['bad-length']).toBe(1);
    expect(stats.bytesSkipped).toBe(200 * 999);
  });

  it('decodes command lines for its team only', async () => {
    const { out, stats } = await run(aasCommandDecoder({ teamId: 1000 }), ['CMD,1000,CX,ON\rCMD,2000,CX,ON\rCMD,1000,SIMP,101325\r']);
    expect(out).toEqual([
      { teamId: 1000, command: { name: 'CX', on: true } },
      { teamId: 1000, command: { name: 'SIMP', pascals: 101_325 } },
    ]);
    expect(stats.rejected['wrong-team']).toBe(1);
  });
});
