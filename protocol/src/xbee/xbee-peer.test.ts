import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { XbeeDeframer, encodeXbeeFrame, type XbeeFrame } from './index.ts';

/**
 * A peer's codec against ours: the npm package xbee-api (a test-only devDependency; its own buffer-reader
 * dependency points at a GitHub tarball, so the root package.json overrides it with the registry's 0.1.0) parses
 * every frame type both know as our encoder writes it, and our decoder reads what its builder writes, byte for byte.
 */
interface PeerApi {
  buildFrame(frame: Record<string, unknown>): Buffer;
  parseRaw(bytes: Buffer): void;
  on(event: 'frame_object', listener: (frame: Record<string, unknown>) => void): void;
}
const require = createRequire(import.meta.url);
const xbeeApi = require('xbee-api') as { XBeeAPI: new (options: { api_mode: 1 | 2 }) => PeerApi; constants: { FRAME_TYPE: Record<string, number> } };
const T = xbeeApi.constants.FRAME_TYPE;

const text = (s: string) => Uint8Array.from(Buffer.from(s));
const data = Uint8Array.of(0x7e, 0x31, 0x7d, 0x11, 0x13, 0x00, 0xff);

/** Our frame, and the object xbee-api makes of the same bytes. */
const PAIRS: [XbeeFrame, Record<string, unknown>][] = [
  [{ kind: 'tx64', frameId: 1, destination64: '0013a20040a1b2c3', options: 0, data }, { type: T['TX_REQUEST_64'], id: 1, destination64: '0013a20040a1b2c3', options: 0, data: Buffer.from(data) }],
  [{ kind: 'tx16', frameId: 2, destination16: '1234', options: 1, data }, { type: T['TX_REQUEST_16'], id: 2, destination16: '1234', options: 1, data: Buffer.from(data) }],
  [{ kind: 'atCommand', frameId: 3, command: 'DB', parameter: new Uint8Array() }, { type: T['AT_COMMAND'], id: 3, command: 'DB', commandParameter: Buffer.alloc(0) }],
  [{ kind: 'atQueue', frameId: 4, command: 'ID', parameter: Uint8Array.of(0x04, 0x10) }, { type: T['AT_COMMAND_QUEUE_PARAMETER_VALUE'], id: 4, command: 'ID', commandParameter: Buffer.from([0x04, 0x10]) }],
  [{ kind: 'transmitRequest', frameId: 5, destination64: '000000000000ffff', destination16: 'fffe', broadcastRadius: 0, options: 0, data: text('1032,07:25:38,1,X,BP\n') }, { type: T['ZIGBEE_TRANSMIT_REQUEST'], id: 5, destination64: '000000000000ffff', destination16: 'fffe', broadcastRadius: 0, options: 0, data: Buffer.from('1032,07:25:38,1,X,BP\n') }],
  [{ kind: 'remoteAtCommand', frameId: 6, destination64: '0013a20041cf05cc', destination16: 'fffe', options: 2, command: 'CH', parameter: Uint8Array.of(0x0c) }, { type: T['REMOTE_AT_COMMAND_REQUEST'], id: 6, destination64: '0013a20041cf05cc', destination16: 'fffe', remoteCommandOptions: 2, command: 'CH', commandParameter: Buffer.from([0x0c]) }],
  [{ kind: 'rx64', source64: '0013a20041cf05cc', rssi: -40, options: 0, data }, { type: T['RX_PACKET_64'], remote64: '0013a20041cf05cc', rssi: 40, receiveOptions: 0, data: Buffer.from(data) }],
  [{ kind: 'rx16', source16: '1234', rssi: -92, options: 2, data }, { type: T['RX_PACKET_16'], remote16: '1234', rssi: 92, receiveOptions: 2, data: Buffer.from(data) }],
  [{ kind: 'atResponse', frameId: 7, command: 'DB', status: 0, data: Uint8Array.of(0x48) }, { type: T['AT_COMMAND_RESPONSE'], id: 7, command: 'DB', commandStatus: 0, commandData: Buffer.from([0x48]) }],
  [{ kind: 'txStatus', frameId: 8, status: 0 }, { type: T['TX_STATUS'], id: 8, deliveryStatus: 0 }],
  [{ kind: 'modemStatus', status: 6 }, { type: T['MODEM_STATUS'], modemStatus: 6 }],
  [{ kind: 'transmitStatus', frameId: 9, destination16: 'fffe', retries: 1, deliveryStatus: 0x21, discoveryStatus: 2 }, { type: T['ZIGBEE_TRANSMIT_STATUS'], id: 9, remote16: 'fffe', transmitRetryCount: 1, deliveryStatus: 0x21, discoveryStatus: 2 }],
  [{ kind: 'receivePacket', source64: '0013a20040a1b2c3', source16: '7ffe', options: 1, data: text('CMD,1234,CX,ON') }, { type: T['ZIGBEE_RECEIVE_PACKET'], remote64: '0013a20040a1b2c3', remote16: '7ffe', receiveOptions: 1, data: Buffer.from('CMD,1234,CX,ON') }],
  [{ kind: 'explicitReceive', source64: '0013a20040a1b2c3', source16: '7ffe', sourceEndpoint: 0xe8, destinationEndpoint: 0xe8, clusterId: 0x0011, profileId: 0xc105, options: 1, data }, { type: T['ZIGBEE_EXPLICIT_RX'], remote64: '0013a20040a1b2c3', remote16: '7ffe', sourceEndpoint: 'e8', destinationEndpoint: 'e8', clusterId: '0011', profileId: 'c105', receiveOptions: 1, data: Buffer.from(data) }],
  [{ kind: 'remoteAtResponse', frameId: 10, source64: '0013a20041cf05cc', source16: '7d33', command: 'CH', status: 0, data: Uint8Array.of(0x0c) }, { type: T['REMOTE_COMMAND_RESPONSE'], id: 10, remote64: '0013a20041cf05cc', remote16: '7d33', command: 'CH', commandStatus: 0, commandData: Buffer.from([0x0c]) }],
];

/** The kinds xbee-api can build (it builds requests only). */
const BUILT = new Set(['tx64', 'tx16', 'atCommand', 'atQueue', 'transmitRequest', 'remoteAtCommand']);

describe.each([1, 2] as const)('XBee API mode %i, against the xbee-api package', (mode) => {
  it('xbee-api parses every frame of ours as the same frame', () => {
    const peer = new xbeeApi.XBeeAPI({ api_mode: mode });
    const parsed: Record<string, unknown>[] = [];
    peer.on('frame_object', (f) => parsed.push(f));
    for (const [ours] of PAIRS) peer.parseRaw(Buffer.from(encodeXbeeFrame(ours, mode === 2)));
    expect(parsed).toEqual(PAIRS.map(([, theirs]) => theirs));
  });

  it('we read every frame xbee-api builds, and write the same bytes for it', () => {
    const peer = new xbeeApi.XBeeAPI({ api_mode: mode });
    const deframer = new XbeeDeframer(mode === 2);
    for (const [ours, theirs] of PAIRS.filter(([f]) => BUILT.has(f.kind))) {
      const built = new Uint8Array(peer.buildFrame(theirs));
      expect(encodeXbeeFrame(ours, mode === 2), ours.kind).toEqual(built);
      const read: XbeeFrame[] = [];
      deframer.push(built, (f) => read.push(f));
      expect(read).toEqual([ours]);
    }
    expect(deframer.stats.junkBytes).toBe(0);
  });
});
