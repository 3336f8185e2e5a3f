import { PassThrough } from 'node:stream';
import { XbeeDeframer, encodeXbeeFrame, type XbeeFrame } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';
import { StreamRadio } from './radio.ts';
import { XbeeApiRadio } from './xbee-api-radio.ts';

/** The radio's UART as two streams: what the program writes to the module, and what the module writes back. */
function uart() {
  const toModule = new PassThrough();
  const fromModule = new PassThrough();
  const wire = { write: (b: Uint8Array) => toModule.write(b), on: fromModule.on.bind(fromModule) } as unknown as ConstructorParameters<typeof StreamRadio>[0];
  const sent: XbeeFrame[] = [];
  return { radio: new StreamRadio(wire), toModule, fromModule, sent };
}

describe('XbeeApiRadio', () => {
  it.each([
    ['802.15.4', false, 'tx64'],
    ['zigbee', true, 'transmitRequest'],
  ] as const)('%s (escaped %s): writes go to the ground radio as %s frames, split at the RF payload', (protocol, escaped, kind) => {
    const { radio, toModule } = uart();
    const api = new XbeeApiRadio(radio, { escaped, protocol, destination: '0013a20041cf05cc' });
    const frames: XbeeFrame[] = [];
    const deframer = new XbeeDeframer(escaped);
    toModule.on('data', (b: Buffer) => deframer.push(b, (f) => frames.push(f)));
    const line = new TextEncoder().encode(`${'1234,'.repeat(30)}\r`);
    expect(api.write(line)).toBe(true);
    expect(frames.map((f) => f.kind)).toEqual([kind, kind]);
    expect(frames.every((f) => 'destination64' in f && f.destination64 === '0013a20041cf05cc')).toBe(true);
    expect(Buffer.concat(frames.map((f) => (f as { data: Uint8Array }).data))).toEqual(Buffer.from(line));
    expect(new Set(frames.map((f) => (f as { frameId: number }).frameId)).size).toBe(2);
  });

  it('reads the data of receive frames, counts undelivered packets, and skips what it cannot read', () => {
    const { radio, fromModule } = uart();
    const api = new XbeeApiRadio(radio, { escaped: false, protocol: '802.15.4', destination: '000000000000ffff' });
    const got: Uint8Array[] = [];
    api.on('data', (b) => got.push(b));
    const command = new TextEncoder().encode('CMD,1234,CX,ON\r');
    fromModule.write(Buffer.from([0x7e, 0x00, 0x03, 0x99, 0x00, 0x00, 0x66])); // unknown type
    fromModule.write(Buffer.from(encodeXbeeFrame({ kind: 'rx16', source16: '0001', rssi: -60, options: 0, data: command })));
    fromModule.write(Buffer.from(encodeXbeeFrame({ kind: 'txStatus', frameId: 3, status: 1 })));
    fromModule.write(Buffer.from(encodeXbeeFrame({ kind: 'txStatus', frameId: 4, status: 0 })));
    expect(got).toEqual([command]);
    expect(api.undelivered).toBe(1);
    expect(api.rejectedFrames).toBe(1);
  });
});
