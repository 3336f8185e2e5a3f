import { encodeXbeeFrame } from './codec.ts';
import type { XbeeFrame } from './frames.ts';

/** How one side of a CanSat link sends through an XBee in API mode. */
export interface XbeeTransmitOptions {
  /** API mode 2 (AP=2): escaped. */
  escaped: boolean;
  /** 802.15.4 (S1, XBee 3 802.15.4) sends 0x00 frames; ZigBee, DigiMesh, 900HP and SX send 0x10. */
  protocol: '802.15.4' | 'zigbee';
  /** The other radio's 64-bit address (its SH then SL), hex; 000000000000ffff broadcasts. */
  destination: string;
}

/** RF payload of one transmit request: the smallest of the families' (802.15.4: 100 bytes). */
export const XBEE_PAYLOAD_BYTES = 100;

/**
 * Bytes to send as transmit requests to the other radio, split at the RF payload; each request gets the next frame
 * id of `ids` (1-255 in turn: 0 would ask the module for no status).
 */
export function xbeeTransmitFrames(bytes: Uint8Array, options: XbeeTransmitOptions, ids: { last: number }): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += XBEE_PAYLOAD_BYTES) {
    const data = bytes.subarray(at, at + XBEE_PAYLOAD_BYTES);
    ids.last = (ids.last % 255) + 1;
    const frame: XbeeFrame =
      options.protocol === '802.15.4'
        ? { kind: 'tx64', frameId: ids.last, destination64: options.destination.toLowerCase(), options: 0, data }
        : { kind: 'transmitRequest', frameId: ids.last, destination64: options.destination.toLowerCase(), destination16: 'fffe', broadcastRadius: 0, options: 0, data };
    frames.push(encodeXbeeFrame(frame, options.escaped));
  }
  return frames;
}

/** A radio's mode as both programs set it: transparent bytes (AP=0), or API frames (AP=1; AP=2 with escapes). */
export const RADIO_MODES = ['transparent', 'api', 'api-escaped'] as const;
export type RadioMode = (typeof RADIO_MODES)[number];

export const isRadioMode = (value: unknown): value is RadioMode => (RADIO_MODES as readonly unknown[]).includes(value);

/** What to say when `flag` was given something else. */
export const radioModeError = (flag: string, value: unknown) => `${flag} must be ${RADIO_MODES.slice(0, -1).join(', ')} or ${RADIO_MODES.at(-1)}, not "${String(value)}"`;
