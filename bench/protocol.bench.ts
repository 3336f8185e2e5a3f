import { AAS_2025, deframe, encodeFrame, formatTelemetryLine, parseTelemetryLine, type Message } from '@cansat/protocol';
import { FrameDecoderStream } from '@cansat/protocol/node';
import { SAMPLE_TELEMETRY } from '../protocol/src/testing/sample-messages.ts';
import { medianRate, type BenchOptions, type Figure } from './figure.ts';

/** Encode and decode rates of telemetry frames, binary and AAS 2025, on one core. */
export async function protocolBench({ quick }: BenchOptions): Promise<Figure[]> {
  const runs = quick ? 1 : 7;
  const count = quick ? 2_000 : 300_000;
  const messages: Message[] = Array.from({ length: 1024 }, (_, i) => ({
    ...SAMPLE_TELEMETRY,
    packetCount: i,
    missionTime: SAMPLE_TELEMETRY.missionTime + i * 100,
    altitude: (i % 9000) / 10,
  }));
  const frames = messages.map(encodeFrame);
  const stream = Buffer.concat(frames);
  const lines = messages.map((m) => formatTelemetryLine(m as never, AAS_2025));

  let sink = 0;
  const decodePerSec = medianRate(runs, count, (n) => {
    let at = 0;
    for (let i = 0; i < n; i++) {
      const result = deframe(stream, at);
      if (result.status !== 'ok') throw new Error(`bench frame rejected: ${result.status}`);
      sink += result.length;
      at = at + result.length === stream.length ? 0 : at + result.length;
    }
  });
  const encodePerSec = medianRate(runs, count, (n) => {
    for (let i = 0; i < n; i++) sink += encodeFrame(messages[i & 1023]!).length;
  });
  const aasParsePerSec = medianRate(runs, count / 10, (n) => {
    for (let i = 0; i < n; i++) sink += parseTelemetryLine(lines[i & 1023]!, AAS_2025).ok ? 1 : 0;
  });
  const aasFormatPerSec = medianRate(runs, count / 10, (n) => {
    for (let i = 0; i < n; i++) sink += formatTelemetryLine(messages[i & 1023] as never, AAS_2025).length;
  });
  const streamDecodePerSec = await streamRate(stream, quick ? 4 : 200, frames.length);
  if (sink === 0) throw new Error('benchmark optimised away');

  return [
    { key: 'protocol.decodePerSec', value: decodePerSec, unit: 'frames/s', target: { op: '>=', value: 1_000_000 }, note: 'deframe (COBS, CRC-32C, fields) of 64-byte telemetry frames' },
    { key: 'protocol.encodePerSec', value: encodePerSec, unit: 'frames/s', note: 'encodeFrame of telemetry' },
    { key: 'protocol.streamDecodePerSec', value: streamDecodePerSec, unit: 'frames/s', note: 'FrameDecoderStream, 64 KiB chunks' },
    { key: 'protocol.bytesPerFrame', value: frames[0]!.length, unit: 'bytes', target: { op: '<=', value: 64 }, note: 'binary telemetry frame on the wire, delimiter included' },
    { key: 'protocol.aasBytesPerFrame', value: lines[0]!.length, unit: 'bytes', note: 'AAS 2025 telemetry line, CR included' },
    { key: 'protocol.aasParsePerSec', value: aasParsePerSec, unit: 'lines/s', note: 'parseTelemetryLine, AAS 2025' },
    { key: 'protocol.aasFormatPerSec', value: aasFormatPerSec, unit: 'lines/s', note: 'formatTelemetryLine, AAS 2025' },
  ];
}

async function streamRate(stream: Buffer, repeats: number, framesPerRepeat: number): Promise<number> {
  const decoder = new FrameDecoderStream();
  let received = 0;
  decoder.on('data', () => received++);
  const started = process.hrtime.bigint();
  for (let r = 0; r < repeats; r++) {
    for (let at = 0; at < stream.length; at += 65_536) decoder.write(stream.subarray(at, at + 65_536));
  }
  decoder.end();
  await new Promise((resolve) => decoder.on('end', resolve));
  if (received !== repeats * framesPerRepeat) throw new Error(`stream decoded ${received} of ${repeats * framesPerRepeat}`);
  return received / (Number(process.hrtime.bigint() - started) / 1e9);
}
