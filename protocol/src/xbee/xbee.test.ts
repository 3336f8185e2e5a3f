import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random.ts';
import { XbeeDeframer, decodeXbeeFrameData, encodeXbeeFrame, type XbeeFrame } from './index.ts';
import { runXbeeFuzz } from '../testing/xbee-fuzz.ts';

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const bytes = (text: string) => new TextEncoder().encode(text);

/** One frame of every kind the codec knows, with the bytes that need escaping in API mode 2 among them. */
const SAMPLES: XbeeFrame[] = [
  { kind: 'tx64', frameId: 1, destination64: '0013a20040a1b2c3', options: 0, data: bytes('hello') },
  { kind: 'tx16', frameId: 2, destination16: '7d11', options: 1, data: Uint8Array.of(0x7e, 0x7d, 0x11, 0x13) },
  { kind: 'atCommand', frameId: 3, command: 'DB', parameter: new Uint8Array() },
  { kind: 'atQueue', frameId: 4, command: 'ID', parameter: Uint8Array.of(0x04, 0x10) },
  { kind: 'transmitRequest', frameId: 5, destination64: '000000000000ffff', destination16: 'fffe', broadcastRadius: 0, options: 0, data: bytes('1032,07:25:38,1,X,BP\n') },
  { kind: 'remoteAtCommand', frameId: 6, destination64: '0013a20041cf05cc', destination16: 'fffe', options: 2, command: 'CH', parameter: Uint8Array.of(0x0c) },
  { kind: 'rx64', source64: '0013a20041cf05cc', rssi: -40, options: 0, data: bytes('telemetry') },
  { kind: 'rx16', source16: '1234', rssi: -92, options: 2, data: Uint8Array.of(0, 1, 2, 0x7e) },
  { kind: 'atResponse', frameId: 7, command: 'DB', status: 0, data: Uint8Array.of(0x48) },
  { kind: 'txStatus', frameId: 8, status: 0 },
  { kind: 'modemStatus', status: 0 },
  { kind: 'transmitStatus', frameId: 9, destination16: 'fffe', retries: 0, deliveryStatus: 0, discoveryStatus: 0 },
  { kind: 'receivePacket', source64: '0013a20040a1b2c3', source16: '7ffe', options: 1, data: bytes('CMD,1234,CX,ON') },
  { kind: 'explicitReceive', source64: '0013a20040a1b2c3', source16: '7ffe', sourceEndpoint: 0xe8, destinationEndpoint: 0xe8, clusterId: 0x0011, profileId: 0xc105, options: 1, data: bytes('x') },
  { kind: 'remoteAtResponse', frameId: 10, source64: '0013a20041cf05cc', source16: '7d33', command: 'CH', status: 0, data: Uint8Array.of(0x0c) },
];

function deframe(chunks: Uint8Array[], escaped: boolean): { frames: XbeeFrame[]; deframer: XbeeDeframer } {
  const frames: XbeeFrame[] = [];
  const deframer = new XbeeDeframer(escaped);
  for (const chunk of chunks) deframer.push(chunk, (f) => frames.push(f));
  deframer.flush((f) => frames.push(f));
  return { frames, deframer };
}

describe('XBee API frames', () => {
  it('Digi\'s own examples, byte for byte: an AT command, a transmit request, the escaping of mode 2', () => {
    // "NJ" read (XBee ZigBee user guide, AT command frame example).
    expect(encodeXbeeFrame({ kind: 'atCommand', frameId: 0x52, command: 'NJ', parameter: new Uint8Array() })).toEqual(hex('7E 00 04 08 52 4E 4A 0D'));
    // "TxData0A" to 0013A200400A0127 (ZigBee transmit request example).
    expect(encodeXbeeFrame({ kind: 'transmitRequest', frameId: 1, destination64: '0013a200400a0127', destination16: 'fffe', broadcastRadius: 0, options: 0, data: bytes('TxData0A') })).toEqual(hex('7E 00 16 10 01 00 13 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 13'));
    // In mode 2, 0x13 (here the checksum) goes as 7D 33; and 0x11 as 7D 31.
    expect(encodeXbeeFrame({ kind: 'transmitRequest', frameId: 1, destination64: '0013a200400a0127', destination16: 'fffe', broadcastRadius: 0, options: 0, data: bytes('TxData0A') }, true)).toEqual(hex('7E 00 16 10 01 00 7D 33 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 7D 33'));
  });

  it.each([false, true])('every kind round-trips (escaped %s), byte at a time, glued, and split anywhere', (escaped) => {
    const wire = SAMPLES.map((f) => encodeXbeeFrame(f, escaped));
    const glued = Uint8Array.from(wire.flatMap((w) => [...w]));
    expect(deframe([glued], escaped).frames).toEqual(SAMPLES);
    expect(deframe([...glued].map((b) => Uint8Array.of(b)), escaped).frames).toEqual(SAMPLES);
    for (let cut = 1; cut < glued.length; cut += 7) expect(deframe([glued.subarray(0, cut), glued.subarray(cut)], escaped).frames).toEqual(SAMPLES);
  });

  it('counts and skips junk, bad checksums, impossible lengths and unknown types, and finds the good frames after them', () => {
    const good = encodeXbeeFrame(SAMPLES[6]!);
    const badSum = good.slice();
    badSum[badSum.length - 1] = badSum.at(-1)! ^ 0xff;
    const unknown = hex('7E 00 02 23 11 CB');
    const tooLong = hex('7E FF FF 00');
    const stream = Uint8Array.from([...bytes('boot\r\n'), ...badSum, ...good, ...unknown, ...tooLong, ...good]);
    const { frames, deframer } = deframe([stream], false);
    expect(frames).toEqual([SAMPLES[6], SAMPLES[6]]);
    expect(deframer.stats.rejected).toMatchObject({ 'bad-checksum': 1, 'unknown-type': 1, 'bad-length': 1 });
    expect(deframer.stats.junkBytes).toBeGreaterThan(0);
  });

  it('mode 1: a 0x7E inside the data is data; after a bad frame the search goes on from the byte after its start', () => {
    const inside = encodeXbeeFrame(SAMPLES[7]!);
    expect([...inside].filter((b) => b === 0x7e).length).toBe(2);
    // A cut frame whose claimed length swallows the good ones after it: once its checksum fails, they are found.
    const cut = encodeXbeeFrame(SAMPLES[0]!).subarray(0, 6);
    expect(deframe([Uint8Array.from([...cut, ...inside, ...inside])], false).frames).toEqual([SAMPLES[7], SAMPLES[7]]);
  });

  it('mode 2: a start byte always starts a frame, so a cut frame costs only itself', () => {
    const cut = encodeXbeeFrame(SAMPLES[12]!, true).subarray(0, 10);
    const { frames, deframer } = deframe([Uint8Array.from([...cut, ...encodeXbeeFrame(SAMPLES[12]!, true)])], true);
    expect(frames).toEqual([SAMPLES[12]]);
    expect(deframer.stats.rejected['bad-length']).toBe(1);
  });

  it('a frame too short for its type is counted, not read past its end', () => {
    expect(decodeXbeeFrameData(Uint8Array.of(0x81, 0x12))).toBe('too-short');
  });

  it('reads a real team\'s capture: every line of the 2022 Southampton dump is a good frame', () => {
    const text = readFileSync(new URL('../../../test/fixtures/realdata/raw/2022-soton-xbee-api-frames.txt', import.meta.url), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const { frames, deframer } = deframe(lines.map(hex), false);
    expect(frames.length).toBe(lines.length);
    expect(deframer.stats.junkBytes).toBe(0);
    expect(frames.filter((f) => f.kind === 'atQueue').map((f) => (f as { command: string }).command)).toEqual(['AP', 'HV', 'VR', 'SH', 'SL', 'NI', 'CE', 'SS']);
    expect(frames.filter((f) => f.kind === 'transmitRequest').length).toBe(lines.length - 8);
  });

  it.each([false, true])('survives 100,000 hostile inputs (escaped %s): no throw, no damaged kit message through, the intact frames found', (escaped) => {
    const report = runXbeeFuzz(100_000, escaped ? 2 : 1, escaped);
    expect(report.throws).toBe(0);
    expect(report.kitCorruptedAccepted).toBe(0);
    // One changed byte always changes the sum (mode 1); in mode 2 a byte turned into 0x7E or 0x7D reframes.
    expect(report.singleByteAccepted).toBe(0);
    expect(report.spurious / report.cases).toBeLessThan(0.01);
    expect(report.intactRecovered / report.cases).toBeGreaterThan(0.99);
  }, 60_000);
});
