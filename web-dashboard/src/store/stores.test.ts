import { describe, expect, it } from 'vitest';
import { Alarm } from './alarms.ts';
import { RingSeries } from './ring-series.ts';
import { TelemetryStore } from './telemetry-store.ts';
import type { Telemetry } from '@cansat/protocol';

const t = (packetCount: number, altitude: number | null = packetCount) => ({ type: 'telemetry', teamId: 1, packetCount, missionTime: packetCount * 1000, altitude }) as unknown as Telemetry;

describe('ring series', () => {
  it('keeps the newest values in order, contiguous, without copying', () => {
    const ring = new RingSeries(4);
    for (let i = 1; i <= 6; i++) ring.push(i);
    expect([...ring.values()]).toEqual([3, 4, 5, 6]);
    expect(ring.forChart()).toBeInstanceOf(Float64Array);
    expect(ring.last()).toBe(6);
  });

  it('hands gaps to the chart as null, and forgets them when they scroll out', () => {
    const ring = new RingSeries(3);
    ring.push(1);
    ring.push(null);
    ring.push(3);
    expect(ring.forChart()).toEqual([1, null, 3]);
    ring.push(4);
    ring.push(5);
    expect(ring.forChart()).toBeInstanceOf(Float64Array);
    expect([...ring.values()]).toEqual([3, 4, 5]);
  });

  it('holds two hours at 10 Hz', () => {
    const ring = new RingSeries(72_000);
    for (let i = 0; i < 100_000; i++) ring.push(i);
    expect(ring.length).toBe(72_000);
    expect(ring.values()[0]).toBe(28_000);
  });
});

describe('alarm persistence', () => {
  it('fires only after the persistence count, and clears the same way', () => {
    const alarm = new Alarm('voltage', { yellow: { min: 7 }, red: { min: 6.6 } }, 3);
    expect([7.5, 6.5, 7.5, 6.5, 6.5].map((v) => alarm.update(v))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(alarm.update(6.5)).toBe('red');
    expect(alarm.update(6.8)).toBe('red');
    expect(alarm.update(null)).toBe('red');
    expect([6.8, 6.8].map((v) => alarm.update(v))).toEqual(['red', 'yellow']);
  });
});

describe('telemetry store', () => {
  it('backfills from a hello after a reconnection, and skips the overlap', () => {
    const store = new TelemetryStore();
    for (let i = 1; i <= 3; i++) store.add(t(i), i * 1000);
    // Disconnected while 4 and 5 arrived; the new hello has 1 to 5, then 5 comes again live.
    const columns = { packetCount: [1, 2, 3, 4, 5], missionTime: [1000, 2000, 3000, 4000, 5000], altitude: [1, 2, 3, null, 5] };
    store.applyHello({ telemetry: { count: 5, receivedAt: [1000, 2000, 3000, 4000, 5000], columns } });
    expect(store.add(t(5), 5000)).toBe(false);
    expect(store.add(t(6), 6000)).toBe(true);
    expect([...store.series.get('packetCount')!.values()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.series.get('altitude')!.forChart()).toEqual([1, 2, 3, null, 5, 6]);
  });
});
