import { spawn, type ChildProcess } from 'node:child_process';
import { RealClock, type SimClock } from '../clock.ts';
import type { Random } from '../random.ts';
import { DeliveryQueue } from './delivery-queue.ts';
import { LinkImpairment, type LinkOptions } from './link-impairment.ts';
import { SimulatedXbee, type XbeeSettings } from './simulated-xbee.ts';

/** The two ends of the link, as the programs on each side see them. */
export type LinkSide = 'cansat' | 'ground';

/** Options of PtyRadioLink. */
export interface PtyRadioLinkOptions {
  /** Path of the CanSat's radio UART, e.g. /tmp/cansat-radio-flight. */
  cansatPath: string;
  /** Path of the ground station's USB radio, e.g. /tmp/cansat-radio-ground. */
  groundPath: string;
  link: LinkOptions;
  random: Random;
  /** A further chance of losing a downlink packet sent at a given time (the station's distance), ms. */
  lossAt?: (at: number) => number;
  /**
   * More ground stations that hear the CanSat, each through its own link and randomness (receive-only: what they
   * write goes nowhere, as only the team's own station commands its CanSat).
   */
  listeners?: readonly { path: string; link: LinkOptions; random: Random; lossAt?: (at: number) => number }[];
  /** Default: real time. */
  clock?: SimClock;
  /**
   * XBee modules at each end (their AT settings), instead of a bare byte pipe: transparent or API mode, PAN ID,
   * channel and address filtering, AT commands; `rssiAt` gives a packet's signal at the receiver, dBm, at a time.
   */
  xbee?: { cansat: Partial<XbeeSettings>; ground: Partial<XbeeSettings>; rssiAt?: (at: number) => number };
}

/** One pseudo-terminal: a socat process whose stdio is the pty's master side. */
class PtyEnd {
  private process: ChildProcess | null = null;
  private stopping = false;

  constructor(
    readonly path: string,
    private readonly onBytes: (bytes: Buffer) => void,
  ) {}

  /** Starts socat and resolves once the pty exists at `path`. */
  async start(): Promise<void> {
    this.stopping = false;
    // ignoreeof: the pty outlives the program that has it open, as a UART does when its program restarts.
    const child = spawn('socat', ['-d', '-d', `PTY,raw,echo=0,ignoreeof,link=${this.path}`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process = child;
    child.stdout.on('data', (bytes: Buffer) => this.onBytes(bytes));
    child.stdin.on('error', () => {}); // the pty went away mid-write: the bytes are lost, as on air
    await new Promise<void>((resolve, reject) => {
      let log = '';
      child.once('error', (error) => reject(new Error(`cannot start socat (install it: apt-get install socat): ${error.message}`)));
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('starting data transfer loop')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`socat exited (${code}) before the pty at ${this.path} was ready: ${log.trim()}`)));
    });
    // Should socat end on its own, start a fresh pty at the same path, as a USB radio that is plugged back in.
    child.once('exit', () => {
      if (this.process === child && !this.stopping) void this.start().catch(() => {});
    });
  }

  write(bytes: Uint8Array): void {
    if (this.process?.stdin?.writable) this.process.stdin.write(bytes);
  }

  /** Ends socat: the pty, and the path, disappear. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/**
 * The simulated radio as two real pseudo-terminals (Debian's socat), so that the flight program and the ground
 * receiver open tty paths exactly as they open a UART and a USB XBee. Bytes cross a LinkImpairment each way, in
 * real time. `unplug` and `plug` make one end vanish and come back, like a USB radio pulled out.
 */
export class PtyRadioLink {
  readonly downlink: LinkImpairment;
  readonly uplink: LinkImpairment;
  private readonly ends: Record<LinkSide, PtyEnd>;
  private readonly clock: SimClock;
  /** Each direction's bytes on their way, delivered in order. */
  private readonly toGround: DeliveryQueue;
  private readonly toCansat: DeliveryQueue;
  /** The other stations' ends, downlinks and queues. */
  private readonly listeners: readonly { end: PtyEnd; downlink: LinkImpairment; queue: DeliveryQueue }[];
  /** The simulated modules, when the link has them. */
  readonly modules: Record<LinkSide, SimulatedXbee> | null;
  private readonly rssiAt: (at: number) => number;
  private closed = false;

  private constructor(options: PtyRadioLinkOptions) {
    this.clock = options.clock ?? new RealClock();
    this.downlink = new LinkImpairment(options.link, options.random, options.lossAt);
    this.uplink = new LinkImpairment(options.link, options.random);
    this.toGround = new DeliveryQueue(this.clock, (bytes) => this.ends.ground.write(bytes));
    this.toCansat = new DeliveryQueue(this.clock, (bytes) => this.ends.cansat.write(bytes));
    this.listeners = (options.listeners ?? []).map((listener) => {
      const end = new PtyEnd(listener.path, () => {});
      return { end, downlink: new LinkImpairment(listener.link, listener.random, listener.lossAt), queue: new DeliveryQueue(this.clock, (bytes) => end.write(bytes)) };
    });
    this.modules = options.xbee ? { cansat: new SimulatedXbee(options.xbee.cansat), ground: new SimulatedXbee(options.xbee.ground) } : null;
    this.rssiAt = options.xbee?.rssiAt ?? (() => -60);
    this.ends = {
      // What the CanSat sends goes out over every station's link at once.
      cansat: new PtyEnd(options.cansatPath, (bytes) => {
        for (const data of this.throughModule('cansat', bytes)) {
          this.carry(data.bytes, this.downlink, this.toGround, data.wrap);
          for (const listener of this.listeners) this.carry(data.bytes, listener.downlink, listener.queue);
        }
      }),
      ground: new PtyEnd(options.groundPath, (bytes) => {
        for (const data of this.throughModule('ground', bytes)) this.carry(data.bytes, this.uplink, this.toCansat, data.wrap);
      }),
    };
  }

  /**
   * What a side's host wrote, as it goes on air: through that side's module when there is one (its answers to the
   * host go straight back), each packet with how the other module hands it to its host.
   */
  private throughModule(side: LinkSide, bytes: Uint8Array): { bytes: Uint8Array; wrap?: (delivered: Uint8Array) => Uint8Array }[] {
    if (!this.modules) return [{ bytes }];
    const other = side === 'cansat' ? 'ground' : 'cansat';
    const { air, host } = this.modules[side].fromHost(bytes, this.clock.now());
    for (const answer of host) this.ends[side].write(answer);
    return air.map((packet) => ({ bytes: packet.data, wrap: (delivered) => this.modules![other].fromAir({ ...packet, data: delivered }, this.rssiAt(this.clock.now())) }));
  }

  /** Creates every pty; resolves when all paths can be opened. */
  static async open(options: PtyRadioLinkOptions): Promise<PtyRadioLink> {
    const link = new PtyRadioLink(options);
    await Promise.all([link.ends.cansat.start(), link.ends.ground.start(), ...link.listeners.map((l) => l.end.start())]);
    return link;
  }

  /** The tty path of one side. */
  path(side: LinkSide): string {
    return this.ends[side].path;
  }

  /** Removes one side's pty, as pulling out a USB radio does. */
  unplug(side: LinkSide): Promise<void> {
    return this.ends[side].stop();
  }

  /** Brings one side's pty back at the same path. */
  plug(side: LinkSide): Promise<void> {
    return this.ends[side].start();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.toGround.close();
    this.toCansat.close();
    for (const listener of this.listeners) listener.queue.close();
    await Promise.all([this.ends.cansat.stop(), this.ends.ground.stop(), ...this.listeners.map((l) => l.end.stop())]);
  }

  private carry(bytes: Uint8Array, impairment: LinkImpairment, queue: DeliveryQueue, wrap?: (delivered: Uint8Array) => Uint8Array): void {
    if (this.closed) return;
    const deliveries = impairment.transmit(bytes, this.clock.now());
    queue.add(wrap ? deliveries.map((d) => ({ ...d, bytes: wrap(d.bytes) })).filter((d) => d.bytes.length > 0) : deliveries);
  }
}
