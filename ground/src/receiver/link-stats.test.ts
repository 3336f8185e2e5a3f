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
});
