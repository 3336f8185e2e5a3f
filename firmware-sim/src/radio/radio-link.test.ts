import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import { Random } from '../random.ts';
import type { LinkOptions } from './link-impairment.ts';
import { createRadioLink } from './radio-link.ts';
import { DeliveryQueue } from './delivery-queue.ts';

const CLEAN: LinkOptions = { baud: 9600, latencyMs: 20, byteLoss: 0, packetLoss: 0, bitErrorRate: 0, blackouts: [] };

function link(options: Partial<LinkOptions> = {}, seed = 42) {
  const clock = new VirtualClock();
  const radio = createRadioLink(clock, { ...CLEAN, ...options }, new Random(seed));
  const received: { t: number; bytes: Buffer }[] = [];
  radio.ground.on('data', (bytes: Buffer) => received.push({ t: clock.now(), bytes }));
  const commands: Buffer[] = [];
  radio.cansat.on('data', (bytes: Buffer) => commands.push(bytes));
  return { clock, radio, received, commands, all: () => Buffer.concat(received.map((r) => r.bytes)) };
}

const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff));

/** |observed - expected| within `sigmas` standard deviations of a binomial count. */
function withinBinomial(observed: number, trials: number, p: number, sigmas = 4): boolean {
  return Math.abs(observed - trials * p) <= sigmas * Math.sqrt(trials * p * (1 - p));
}

describe('simulated radio link', () => {
  it.each([1200, 9600, 57_600])('carries data at the configured %i baud within 5%', async (baud) => {
    const { clock, radio, received, all } = link({ baud, latencyMs: 0 });
    const bytes = pattern(baud); // 10 seconds of air time at 10 bits a byte
    radio.cansat.write(bytes);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(60_000);
    expect(all()).toEqual(bytes);
    const seconds = received.at(-1)!.t / 1000;
    const bytesPerSecond = bytes.length / seconds;
    expect(Math.abs(bytesPerSecond / (baud / 10) - 1)).toBeLessThan(0.05);
  });

  it('adds the latency and keeps order, both ways', async () => {
    const { clock, radio, received, commands } = link();
    radio.cansat.write(Buffer.from('telemetry'));
    radio.ground.write(Buffer.from('CMD,1000,CX,ON\r'));
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(5);
    expect(received).toHaveLength(0);
    clock.advance(1000);
    expect(received[0]!.t).toBeCloseTo((9 * 10 * 1000) / 9600 + 20, 6);
    expect(Buffer.concat(commands).toString()).toBe('CMD,1000,CX,ON\r');
  });

  it('flips bits at the configured bit error rate (statistically)', async () => {
    const { clock, radio, all } = link({ bitErrorRate: 1e-3, baud: 1_000_000 });
    const bytes = pattern(125_000); // 10^6 bits
    radio.cansat.write(bytes);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(10_000);
    const out = all();
    expect(out.length).toBe(bytes.length);
    let flipped = 0;
    for (let i = 0; i < out.length; i++) for (let x = out[i]! ^ bytes[i]!; x; x &= x - 1) flipped++;
    expect(flipped).toBe(radio.downlink.stats.bitsFlipped);
    expect(withinBinomial(flipped, 1_000_000, 1e-3)).toBe(true);
  });

  it('loses packets and bytes at the configured rates (statistically)', async () => {
    const packets = link({ packetLoss: 0.1, baud: 1_000_000 });
    packets.radio.cansat.write(pattern(100 * 5000));
    await new Promise((resolve) => setImmediate(resolve));
    packets.clock.advance(60_000);
    const { packetsLost, packets: sent } = packets.radio.downlink.stats;
    expect(sent).toBe(5000);
    expect(withinBinomial(packetsLost, 5000, 0.1)).toBe(true);
    expect(packets.all().length).toBe((5000 - packetsLost) * 100);

    const bytes = link({ byteLoss: 0.01, baud: 1_000_000 });
    bytes.radio.cansat.write(pattern(100_000));
    await new Promise((resolve) => setImmediate(resolve));
    bytes.clock.advance(60_000);
    const lost = 100_000 - bytes.all().length;
    expect(lost).toBe(bytes.radio.downlink.stats.bytesLost);
    expect(withinBinomial(lost, 100_000, 0.01)).toBe(true);
  });

  it('carries nothing during a blackout window', async () => {
    const { clock, radio, received } = link({ blackouts: [{ from: 1000, to: 3000 }] });
    for (let t = 0; t < 5000; t += 500) {
      radio.cansat.write(Buffer.from(`frame at ${t}`));
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(500);
    }
    const texts = received.map((r) => r.bytes.toString());
    expect(texts).toEqual(['frame at 0', 'frame at 500', 'frame at 3000', 'frame at 3500', 'frame at 4000', 'frame at 4500']);
    expect(radio.downlink.stats.packetsLost).toBe(4);
  });
});

describe('delivery queue', () => {
  it('hands over deliveries in the order planned, with one timer at a time, however late its timers fire', () => {
    // A clock whose timers fire only when the test says, and late: the queue must not depend on their order.
    let now = 0;
    const pending: (() => void)[] = [];
    const clock = { now: () => now, setTimeout: (callback: () => void) => (pending.push(callback), { cancel() {} }), setInterval: () => ({ cancel() {} }) };
    const delivered: number[] = [];
    const queue = new DeliveryQueue(clock, (bytes) => delivered.push(bytes[0]!));
    queue.add([{ bytes: Uint8Array.of(1), deliverAt: 10 }]);
    queue.add([{ bytes: Uint8Array.of(2), deliverAt: 20 }, { bytes: Uint8Array.of(3), deliverAt: 30 }]);
    expect(pending).toHaveLength(1);
    // Fired 25 ms late: the first, and everything due behind it by then, in order.
    now = 35;
    pending.shift()!();
    expect(delivered).toEqual([1, 2, 3]);
    queue.add([{ bytes: Uint8Array.of(4), deliverAt: 40 }]);
    now = 40;
    pending.shift()!();
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(pending).toHaveLength(0);
  });
});
