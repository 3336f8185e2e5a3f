import { EventEmitter } from 'node:events';
import { XbeeDeframer, receivedData, xbeeTransmitFrames, type XbeeFrame, type XbeeTransmitOptions } from '@cansat/protocol';
import type { Radio, RadioEvents } from './radio.ts';

/**
 * A radio in XBee API mode over the UART's radio: what the program writes goes out as transmit requests to the
 * ground radio (split at the RF payload), what comes back is read out of receive frames; the module's transmit
 * status says which packets it could not deliver (counted). Nothing here throws: a bad frame from the module is
 * counted by the deframer and skipped.
 */
export class XbeeApiRadio extends EventEmitter<RadioEvents> implements Radio {
  private readonly deframer: XbeeDeframer;
  private readonly ids = { last: 0 };
  /** Transmit requests the module reported it could not deliver (no ACK from the ground radio, CCA failure…). */
  undelivered = 0;

  constructor(
    private readonly inner: Radio,
    private readonly options: XbeeTransmitOptions,
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
    for (const frame of xbeeTransmitFrames(bytes, this.options, this.ids)) ok = this.inner.write(frame) && ok;
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
