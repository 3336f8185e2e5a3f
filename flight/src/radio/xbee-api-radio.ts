import { EventEmitter } from 'node:events';
import { XbeeDeframer, encodeXbeeFrame, receivedData, type XbeeFrame } from '@cansat/protocol';
import type { Radio, RadioEvents } from './radio.ts';

/** How the flight program talks to an XBee in API mode. */
export interface XbeeApiOptions {
  /** API mode 2 (AP=2): escaped. */
  escaped: boolean;
  /** Frames of the module's family: 802.15.4 (S1, XBee 3 in 802.15.4) sends 0x00; ZigBee, DigiMesh, 900HP and SX send 0x10. */
  protocol: '802.15.4' | 'zigbee';
  /** The ground radio's 64-bit address (its SH and SL), hex; 000000000000ffff broadcasts. */
  destination: string;
}

/** RF payload of one transmit request: the smallest of the families' (802.15.4: 100 bytes). */
export const XBEE_PAYLOAD_BYTES = 100;

/**
 * A radio in XBee API mode over the UART's radio: what the program writes goes out as transmit requests to the
 * ground radio (split at the RF payload), what comes back is read out of receive frames; the module's transmit
 * status says which packets it could not deliver (counted). Nothing here throws: a bad frame from the module is
 * counted by the deframer and skipped.
 */
export class XbeeApiRadio extends EventEmitter<RadioEvents> implements Radio {
  private readonly deframer: XbeeDeframer;
  private frameId = 0;
  /** Transmit requests the module reported it could not deliver (no ACK from the ground radio, CCA failure…). */
  undelivered = 0;

  constructor(
    private readonly inner: Radio,
    private readonly options: XbeeApiOptions,
  ) {
    super();
    this.deframer = new XbeeDeframer(options.escaped);
    inner.on('data', (bytes) => this.deframer.push(bytes, (frame) => this.fromModule(frame)));
    inner.on('status', (status) => this.emit('status', status));
  }

  get connected(): boolean {
    return this.inner.connected;
  }

  get failedWrites(): number {
    return this.inner.failedWrites;
  }

  /** Frames from the module the deframer threw away (bad checksum, length, unknown type). */
  get rejectedFrames(): number {
    return Object.values(this.deframer.stats.rejected).reduce((a, b) => a + b, 0);
  }

  write(bytes: Uint8Array): boolean {
    let ok = true;
    for (let at = 0; at < bytes.length; at += XBEE_PAYLOAD_BYTES) {
      const data = bytes.subarray(at, at + XBEE_PAYLOAD_BYTES);
      // Frame ids 1-255 in turn: 0 would ask the module for no status.
      this.frameId = (this.frameId % 255) + 1;
      const frame: XbeeFrame =
        this.options.protocol === '802.15.4'
          ? { kind: 'tx64', frameId: this.frameId, destination64: this.options.destination, options: 0, data }
          : { kind: 'transmitRequest', frameId: this.frameId, destination64: this.options.destination, destination16: 'fffe', broadcastRadius: 0, options: 0, data };
      ok = this.inner.write(encodeXbeeFrame(frame, this.options.escaped)) && ok;
    }
    return ok;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private fromModule(frame: XbeeFrame): void {
    const received = receivedData(frame);
    if (received) this.emit('data', received.data);
    else if (frame.kind === 'txStatus' && frame.status !== 0) this.undelivered++;
    else if (frame.kind === 'transmitStatus' && frame.deliveryStatus !== 0) this.undelivered++;
  }
}
