import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Alarm } from './alarms.ts';
import { RingSeries } from './ring-series.ts';
import { CAPACITY, TelemetryStore } from './telemetry-store.ts';
import type { Event, Telemetry } from '@cansat/protocol';
import { timelineEntries } from './timeline.ts';
import { FlightPhysics } from './flight-physics.ts';
import { translatorFor } from '@cansat/protocol/i18n';

const english = translatorFor('en');
import { verticalSpeed } from './vertical-speed.ts';
import { decodeHistory, encodeHistory, type DecodedHistory } from '@cansat/protocol/station';

const t = (packetCount: number, altitude: number | null = packetCount) => ({ type: 'telemetry', teamId: 1, packetCount, missionTime: packetCount * 1000, altitude }) as unknown as Telemetry;

/** A history as the dashboard receives it: encoded by the ground's code, decoded by its own. */
function history(rows: { receivedAt: number; data: Telemetry }[]): DecodedHistory {
  const { header, numbers } = encodeHistory(rows);
  const decoded = decodeHistory(JSON.parse(JSON.stringify(header)), numbers.slice().buffer);
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded;
}

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

  it('loads a catch-up in one go, the same as pushing it value by value', () => {
    const values = Array.from({ length: 11 }, (_, i) => (i % 4 === 1 ? null : i * 1.5));
    for (const capacity of [3, 11, 20]) {
      const pushed = new RingSeries(capacity);
      const loaded = new RingSeries(capacity);
      for (const v of values) pushed.push(v);
      loaded.push(99);
      loaded.load(Float64Array.from(values, (v) => v ?? Number.NaN));
      expect(loaded.forChart()).toEqual(pushed.forChart());
      expect(loaded.last()).toBe(pushed.last());
      // And it carries on from there as a ring.
      for (const v of [7, null, 8]) {
        pushed.push(v);
        loaded.push(v);
      }
      expect(loaded.forChart()).toEqual(pushed.forChart());
    }
  });

  it('after a load, reads the same as a ring filled by pushes, however many pushes follow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 40 }), (capacity, loaded, pushed) => {
        const byPush = new RingSeries(capacity);
        const byLoad = new RingSeries(capacity);
        for (const v of loaded) byPush.push(v);
        byLoad.load(Float64Array.from(loaded));
        for (const v of pushed) {
          byPush.push(v);
          byLoad.push(v);
          expect([...byLoad.values()]).toEqual([...byPush.values()]);
        }
        expect([...byLoad.values()]).toEqual([...byPush.values()]);
      }),
    );
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
    store.applyHello(history([1, 2, 3, 4, 5].map((n) => ({ receivedAt: n * 1000, data: t(n, n === 4 ? null : n) }))));
    expect(store.add(t(5), 5000)).toBe(false);
    expect(store.add(t(6), 6000)).toBe(true);
    expect([...store.series.get('packetCount')!.values()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.series.get('altitude')!.forChart()).toEqual([1, 2, 3, null, 5, 6]);
  });

  it('keeps the newest two hours of a longer hello, the text fields in step with the numbers', () => {
    const store = new TelemetryStore();
    const count = CAPACITY + 5;
    const rows = Array.from({ length: count }, (_, i) => ({ receivedAt: (i + 1) * 100, data: { ...t(i + 1, null), state: i + 1 > count - 2 ? 'LANDED' : 'DESCENT' } as Telemetry }));
    store.applyHello(history(rows));
    expect(store.count).toBe(CAPACITY);
    expect(store.series.get('packetCount')!.values()[0]).toBe(6);
    expect(store.time.last()).toBe(count / 10);
    expect(store.text.get('state')!.length).toBe(CAPACITY);
    expect(store.text.get('state')!.at(-3)).toBe('DESCENT');
    expect(store.text.get('state')!.at(-2)).toBe('LANDED');
    // A field absent throughout is a gap throughout.
    expect(store.series.get('altitude')!.last()).toBeNull();
    expect(store.add(t(count), 0)).toBe(false);
  });
});

describe('timelineEntries', () => {
  const event = (missionTime: number, state: string) => ({ data: { type: 'event', teamId: 1, packetCount: 1, missionTime, event: 'STATE_CHANGE', state, subject: 'NONE', value: 0 } as unknown as Event });

  it('adds the state changes telemetry shows that no event announced, in mission-time order', () => {
    const states = ['LAUNCH_PAD', 'LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'PROBE_RELEASE', null, 'LANDED'];
    const times = Float64Array.from(states, (_, i) => i * 1000);
    const entries = timelineEntries([event(1500, 'ASCENT'), event(3000, 'APOGEE'), event(8200, 'LANDED')], states, times, english);
    expect(entries.map((e) => [e.missionTime, e.kind, e.text])).toEqual([
      [1500, 'STATE_CHANGE', 'ASCENT'],
      [3000, 'STATE_CHANGE', 'APOGEE'],
      [4000, 'STATE_SEEN', 'DESCENT (seen in telemetry)'],
      [5000, 'STATE_SEEN', 'PROBE_RELEASE (seen in telemetry)'],
      [8200, 'STATE_CHANGE', 'LANDED'],
    ]);
  });

  it('builds the whole timeline from telemetry when there are no events (the AAS formats)', () => {
    const entries = timelineEntries([], ['LAUNCH_PAD', 'ASCENT', 'ASCENT', 'APOGEE'], [0, 1000, 2000, 3000], english);
    expect(entries.map((e) => e.text)).toEqual(['ASCENT (seen in telemetry)', 'APOGEE (seen in telemetry)']);
    // Telemetry that began after the launch still shows the state it began in.
    expect(timelineEntries([], ['ASCENT', 'APOGEE'], [5000, 6000], english).map((e) => e.text)).toEqual(['ASCENT (seen in telemetry)', 'APOGEE (seen in telemetry)']);
  });
});

describe('the timeline from the physics', () => {
  /** kPa of the standard atmosphere `metres` above sea level. */
  const kPa = (metres: number) => 101.325 * (1 - (0.0065 * metres) / 288.15) ** (1 / 0.190_263);
  /** 20 s on the pad 825 m up, a 10 s climb to 660 m, a fall at 6 m/s, 20 s on the ground: the state stuck on the pad. */
  const height = (t: number) => (t < 20 ? 0 : t < 30 ? 660 * Math.sin(((t - 20) / 10) * (Math.PI / 2)) : Math.max(0, 660 - 6 * (t - 30)));

  it('adds the states a team\'s software never left the pad for, said to be from the pressure, with the apogee', () => {
    const store = new TelemetryStore();
    for (let t = 0; t < 160; t++) store.add({ type: 'telemetry', teamId: 1, packetCount: t, missionTime: t * 1000, state: 'LAUNCH_PAD', pressure: Math.round(kPa(825 + height(t)) * 10) / 10, altitude: 828, gpsAltitude: null } as unknown as Telemetry, t * 1000);
    let now = 0;
    const physics = new FlightPhysics(() => now);
    const view = physics.of(store);
    expect(view.source).toBe('pressure');
    const entries = timelineEntries([], store.text.get('state')!, store.series.get('missionTime')!.values(), english, view);
    expect(entries.map((e) => e.kind)).toEqual(['STATE_PHYSICS', 'STATE_PHYSICS', 'STATE_PHYSICS', 'STATE_PHYSICS']);
    expect(entries[0]!.text).toBe('ASCENT (from pressure)');
    expect(Math.abs(entries[0]!.missionTime - 20_000)).toBeLessThanOrEqual(1000);
    expect(entries[1]!.text).toMatch(/^APOGEE, 6[56]\d m above the pad \(from pressure\)$/);
    expect(entries.at(-1)!.text).toBe('LANDED (from pressure)');
    expect(Math.abs(entries.at(-1)!.missionTime - 140_000)).toBeLessThanOrEqual(3000);
    // Not read again within the second, however many rows arrive.
    store.add({ ...store.last!, packetCount: 500 }, 500_000);
    expect(physics.of(store)).toBe(view);
    now = 1000;
    expect(physics.of(store)).not.toBe(view);
  });
});

describe('verticalSpeed', () => {
  it('is the slope of the last two seconds, through barometer noise, and ends at a clock reset', () => {
    const times = Float64Array.from({ length: 50 }, (_, i) => i * 100);
    const noise = [0.4, -0.5, 0.1, 0.5, -0.3, -0.1, 0.3, -0.4];
    const climbing = Float64Array.from(times, (t, i) => 100 + (t / 1000) * 30 + noise[i % noise.length]!);
    expect(verticalSpeed(times, climbing)).toBeCloseTo(30, 0);
    const falling = Float64Array.from(times, (t) => 500 - (t / 1000) * 7);
    expect(verticalSpeed(times, falling)).toBeCloseTo(-7, 5);
    // A row without altitude is passed over; one row alone has no speed.
    climbing[49] = Number.NaN;
    expect(verticalSpeed(times, climbing)).toBeCloseTo(30, 0);
    expect(verticalSpeed(Float64Array.of(0), Float64Array.of(1))).toBeNull();
    // After a reset the mission time goes back: only the rows since count.
    expect(verticalSpeed(Float64Array.of(0, 1000, 2000, 500), Float64Array.of(0, 10, 20, 300))).toBeNull();
  });
});
