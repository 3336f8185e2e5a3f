import { Duplex } from 'node:stream';
import type { SimClock } from '../clock.ts';
import type { Random } from '../random.ts';
import { LinkImpairment, type LinkOptions } from './link-impairment.ts';

/** Both ends of a simulated radio link, and what each direction did to its traffic. */
export interface RadioLink {
  /** The CanSat's radio UART: write telemetry, read commands. */
  cansat: Duplex;
  /** The ground station's radio: read telemetry, write commands. */
  ground: Duplex;
  /** CanSat to ground. */
  downlink: LinkImpairment;
  /** Ground to CanSat. */
  uplink: LinkImpairment;
  close(): void;
}

/**
 * An in-process radio link: two Node duplex streams whose bytes cross a LinkImpairment each way, delivered on
 * `clock` (a virtual clock in unit tests). Writes are accepted at once, as a UART's driver buffer does; the radio
 * paces them at its baud rate.
 */
export function createRadioLink(clock: SimClock, options: LinkOptions, random: Random): RadioLink {
  const downlink = new LinkImpairment(options, random);
  const uplink = new LinkImpairment(options, random);
  let closed = false;
  const timers = new Set<{ cancel(): void }>();

  const end = (impairment: LinkImpairment, deliver: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        if (!closed) {
          for (const { bytes, deliverAt } of impairment.transmit(chunk, clock.now())) {
            const timer = clock.setTimeout(() => {
              timers.delete(timer);
              if (!closed) deliver().push(bytes);
            }, deliverAt - clock.now());
            timers.add(timer);
          }
        }
        callback();
      },
    });

  const link: RadioLink = {
    cansat: end(downlink, () => link.ground),
    ground: end(uplink, () => link.cansat),
    downlink,
    uplink,
    close() {
      closed = true;
      for (const timer of timers) timer.cancel();
      link.cansat.push(null);
      link.ground.push(null);
    },
  };
  return link;
}
