import { describe, expect, it } from 'vitest';
import { LinkStatsCounter } from './link-stats.ts';

describe('link statistics', () => {
  it('counts frames, gaps across the 16-bit wrap, rejections, rate and staleness', () => {
    const stats = new LinkStatsCounter('/dev/ttyUSB0', 1000);
    expect(stats.snapshot(0).stale).toBe(true);
    stats.connected(true);
    const counts = [65_533, 65_534, 1, 2, 5];
    counts.forEach((c, i) => stats.message({ type: 'telemetry', packetCount: c }, i * 1000));
    stats.message({ type: 'event', packetCount: 1 }, 4500);
    stats.reject('bad-crc');
    stats.reject('bad-crc');
    stats.bytes(320);
    const snap = stats.snapshot(5000);
    // 65535 and 0 are missing across the wrap, then 3 and 4.
    expect(snap).toMatchObject({ connected: true, framesReceived: 6, framesLost: 4, rejected: { 'bad-crc': 2 }, bytes: 320, frameRate: 0.5, stale: false });
    expect(stats.snapshot(6400).stale).toBe(false);
    expect(stats.snapshot(6501).stale).toBe(true);
  });

  it('keeps the 10 s rate right as a burst of 100,000 frames leaves the window', () => {
    const stats = new LinkStatsCounter('/dev/ttyUSB0', 100);
    const times: number[] = [];
    const arrive = (at: number) => {
      times.push(at);
      stats.message({ type: 'telemetry', packetCount: times.length % 65_536 }, at);
    };
    // 10,000 frames a second for 10 s, then 10 a second for 12 s.
    for (let i = 0; i < 100_000; i++) arrive(i / 10);
    expect(stats.snapshot(9_999.9).frameRate).toBe(10_000);
    let t = 10_000;
    for (let second = 1; second <= 12; second++) {
      for (let i = 0; i < 10; i++) arrive((t += 100));
      const inWindow = times.filter((at) => at >= t - 10_000).length;
      expect(stats.snapshot(t).frameRate).toBe(inWindow / 10);
    }
  });
});
