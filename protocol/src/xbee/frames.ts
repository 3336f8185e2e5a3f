import { Type, type Static } from '@sinclair/typebox';

/**
 * The XBee API frames a CanSat link uses (Digi's XBee/XBee-PRO 802.15.4, ZigBee, DigiMesh, 900HP and SX user guides,
 * "API frames"): transmit requests and their status, received packets (with RSSI on 802.15.4), local and remote AT
 * commands and their responses, modem status. Addresses are hex strings (16 digits for 64 bits, 4 for 16 bits), as
 * the modules print them and as XCTU shows them.
 */
export const XBEE_FRAME_TYPES = {
  tx64: 0x00,
  tx16: 0x01,
  atCommand: 0x08,
  atQueue: 0x09,
  transmitRequest: 0x10,
  remoteAtCommand: 0x17,
  rx64: 0x80,
  rx16: 0x81,
  atResponse: 0x88,
  txStatus: 0x89,
  modemStatus: 0x8a,
  transmitStatus: 0x8b,
  receivePacket: 0x90,
  explicitReceive: 0x91,
  remoteAtResponse: 0x97,
} as const;

export type XbeeFrameKind = keyof typeof XBEE_FRAME_TYPES;

const Address64 = Type.String({ pattern: '^[0-9a-f]{16}$', description: '64-bit address, hex' });
const Address16 = Type.String({ pattern: '^[0-9a-f]{4}$', description: '16-bit address, hex (fffe: unknown)' });
const FrameId = Type.Integer({ minimum: 0, maximum: 255, description: 'Matches a request to its status (0: no status wanted)' });
const Data = Type.Uint8Array({ description: 'RF data or AT parameter' });
const AtName = Type.String({ pattern: '^[\\x20-\\x7e]{2}$', description: 'Two-letter AT command (ID, CH, DB…)' });
const Byte = Type.Integer({ minimum: 0, maximum: 255 });
/** dBm below zero: the module reports -dBm as one byte (0x28 is -40 dBm). */
const Rssi = Type.Integer({ minimum: -255, maximum: 0, description: 'Received signal strength of the packet, dBm' });

const frame = <K extends XbeeFrameKind, P extends Record<string, import('@sinclair/typebox').TSchema>>(kind: K, fields: P) => Type.Object({ kind: Type.Literal(kind), ...fields });

export const XbeeFrame = Type.Union(
  [
    frame('tx64', { frameId: FrameId, destination64: Address64, options: Byte, data: Data }),
    frame('tx16', { frameId: FrameId, destination16: Address16, options: Byte, data: Data }),
    frame('atCommand', { frameId: FrameId, command: AtName, parameter: Data }),
    frame('atQueue', { frameId: FrameId, command: AtName, parameter: Data }),
    frame('transmitRequest', { frameId: FrameId, destination64: Address64, destination16: Address16, broadcastRadius: Byte, options: Byte, data: Data }),
    frame('remoteAtCommand', { frameId: FrameId, destination64: Address64, destination16: Address16, options: Byte, command: AtName, parameter: Data }),
    frame('rx64', { source64: Address64, rssi: Rssi, options: Byte, data: Data }),
    frame('rx16', { source16: Address16, rssi: Rssi, options: Byte, data: Data }),
    frame('atResponse', { frameId: FrameId, command: AtName, status: Byte, data: Data }),
    frame('txStatus', { frameId: FrameId, status: Byte }),
    frame('modemStatus', { status: Byte }),
    frame('transmitStatus', { frameId: FrameId, destination16: Address16, retries: Byte, deliveryStatus: Byte, discoveryStatus: Byte }),
    frame('receivePacket', { source64: Address64, source16: Address16, options: Byte, data: Data }),
    frame('explicitReceive', { source64: Address64, source16: Address16, sourceEndpoint: Byte, destinationEndpoint: Byte, clusterId: Type.Integer({ minimum: 0, maximum: 0xffff }), profileId: Type.Integer({ minimum: 0, maximum: 0xffff }), options: Byte, data: Data }),
    frame('remoteAtResponse', { frameId: FrameId, source64: Address64, source16: Address16, command: AtName, status: Byte, data: Data }),
  ],
  { title: 'XbeeFrame' },
);
export type XbeeFrame = Static<typeof XbeeFrame>;
export type XbeeFrameOf<K extends XbeeFrameKind> = Extract<XbeeFrame, { kind: K }>;

/** A 64-bit address as the frames write it: 16 hex digits. */
export const address64 = (address: bigint) => address.toString(16).padStart(16, '0');

/** The frames that carry received RF data, and the RSSI of the packet when the frame has it. */
export function receivedData(frame: XbeeFrame): { data: Uint8Array; source: string; rssi: number | null } | null {
  switch (frame.kind) {
    case 'rx64':
      return { data: frame.data, source: frame.source64, rssi: frame.rssi };
    case 'rx16':
      return { data: frame.data, source: frame.source16, rssi: frame.rssi };
    case 'receivePacket':
    case 'explicitReceive':
      return { data: frame.data, source: frame.source64, rssi: null };
    default:
      return null;
  }
}

/** Status bytes of AT responses (0 OK), transmit status (0 success) and modem status, in words. */
export const AT_STATUS = ['OK', 'ERROR', 'invalid command', 'invalid parameter', 'transmission failure'] as const;
export const MODEM_STATUS: Readonly<Record<number, string>> = { 0: 'hardware reset', 1: 'watchdog timer reset', 2: 'joined network', 3: 'disassociated', 6: 'coordinator started' };
