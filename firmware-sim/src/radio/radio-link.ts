import { Duplex } from 'node:stream';
import type { SimClock } from '../clock.ts';
import { DeliveryQueue } from './delivery-queue.ts';
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
  const queues: DeliveryQueue[] = [];

  const end = (impairment: LinkImpairment, deliver: () => Duplex) => {
    const queue = new DeliveryQueue(clock, (bytes) => deliver().push(bytes));
    queues.push(queue);
    return new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        queue.add(impairment.transmit(chunk, clock.now()));
        callback();
      },
    });
  };

  const link: RadioLink = {
    cansat: end(downlink, () => link.ground),
    ground: end(uplink, () => link.cansat),
    downlink,
    uplink,
    close() {
      for (const queue of queues) queue.close();
      link.cansat.push(null);
      link.ground.push(null);
    },
  };
  return link;
}
