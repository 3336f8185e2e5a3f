import { XbeeDeframer, encodeFrame, encodeXbeeFrame, type XbeeFrame } from '@cansat/protocol';
import { SAMPLE_TELEMETRY } from '../protocol/src/testing/sample-messages.ts';
import { medianRate, type BenchOptions, type Figure } from './figure.ts';

/**
 * The XBee API deframer on one core: receive frames (0x81, with RSSI) each carrying a 64-byte kit telemetry frame,
 * as the ground station's radio delivers them in API mode, in 4 KiB chunks; mode 1 and escaped mode 2.
 */
export async function xbeeBench({ quick }: BenchOptions): Promise<Figure[]> {
  const runs = quick ? 1 : 7;
  const frames = quick ? 2_000 : 400_000;
  const rate = (escaped: boolean) => {
    const wire = Array.from({ length: 256 }, (_, i) => encodeXbeeFrame({ kind: 'rx16', source16: '1234', rssi: -40 - (i % 60), options: 0, data: encodeFrame({ ...SAMPLE_TELEMETRY, packetCount: i }) }, escaped));
    const stream = Buffer.concat(wire);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < stream.length; at += 4096) chunks.push(stream.subarray(at, at + 4096));
    let sink = 0;
    const onFrame = (f: XbeeFrame) => {
      if (f.kind === 'rx16') sink += f.rssi;
    };
    const perSec = medianRate(runs, frames, (n) => {
      const deframer = new XbeeDeframer(escaped);
      for (let done = 0; done < n; done += wire.length) for (const chunk of chunks) deframer.push(chunk, onFrame);
    });
    if (sink === 0) throw new Error('benchmark optimised away');
    return perSec;
  };
  return [
    { key: 'xbee.decodePerSec', value: rate(false), unit: 'frames/s', target: { op: '>=', value: 1_000_000 }, note: 'XbeeDeframer, API mode 1: 0x81 receive frames with RSSI, each carrying a 64-byte kit frame, 4 KiB chunks' },
    { key: 'xbee.escapedDecodePerSec', value: rate(true), unit: 'frames/s', note: 'the same in escaped API mode 2' },
  ];
}
