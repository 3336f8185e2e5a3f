import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@cansat/protocol';
import { receptionTopic } from '@cansat/protocol/network';
import { mayPublish, startEmbeddedBroker } from '../src/network/embedded-broker.ts';
import { FrameTap } from '../src/network/frame-tap.ts';
import { Hub } from '../src/network/hub.ts';
import { StationLink } from '../src/network/station-link.ts';
import { folder, telemetry, until } from './helpers.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const log = () => {};
const T0 = 1_800_000_000_000;

describe('the embedded broker (aedes)', () => {
  it('lets a station publish only its own receptions and presence, the hub only its presence', () => {
    expect(mayPublish('cansat-station-1234-north', 'cansat/v1/1234/rx/north')).toBe(true);
    expect(mayPublish('cansat-station-1234-north', 'cansat/v1/1234/status/north')).toBe(true);
    expect(mayPublish('cansat-station-1234-north', 'cansat/v1/1234/rx/south')).toBe(false);
    expect(mayPublish('cansat-station-1234-north', 'cansat/v1/99/rx/north')).toBe(false);
    expect(mayPublish('cansat-station-1234-north', 'cansat/v1/hub/status')).toBe(false);
    expect(mayPublish('cansat-hub-0123456789ab', 'cansat/v1/hub/status')).toBe(true);
    expect(mayPublish('cansat-hub-0123456789ab', 'cansat/v1/1234/rx/north')).toBe(false);
    expect(mayPublish('mqttjs_1234', 'cansat/v1/1234/rx/north')).toBe(false);
    // Outside the network's topics it is an ordinary broker.
    expect(mayPublish('mqttjs_1234', 'school/weather')).toBe(true);
  });

  it('carries a station to the hub, and drops what a client publishes under another station', async () => {
    const broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', log });
    cleanups.push(() => broker.close());
    const hub = await Hub.start({ url: broker.url, archive: folder('cansat-hub-'), log });
    cleanups.push(() => hub.close());
    const north = new StationLink({ url: broker.url, teamId: 1234, stationId: 'north', clock: 'ntp', storeFolder: folder(), log });
    cleanups.push(() => north.close());
    await until(() => north.connected, 10_000, 'north to connect');
    const tap = new FrameTap('binary');
    for (const frame of tap.push(encodeFrame(telemetry(1)))) north.heard(frame, T0);
    await until(() => hub.flights.get(1234)?.merge.merged === 1, 10_000, "north's frame");
    // A client that is no station, and one that claims to be north but publishes as south.
    const spoof = (n: number, station: string) => JSON.stringify({ v: 1, station, receivedAt: (T0 + n * 1000) * 1000, clock: 'ntp', decoded: true, backfill: false, frame: Buffer.from(encodeFrame(telemetry(n))).toString('base64') });
    for (const clientId of ['anyone', 'cansat-station-1234-north-2']) {
      const rogue = await mqtt.connectAsync(broker.url, { clientId, reconnectPeriod: 0 });
      rogue.on('error', () => {});
      cleanups.push(() => rogue.endAsync(true));
      // Refused, the broker closes the connection (MQTT 3.1.1 has no other answer to a refused publication).
      const closed = new Promise<void>((resolve) => rogue.once('close', () => resolve()));
      void rogue.publishAsync(receptionTopic(1234, 'south'), spoof(2, 'south'), { qos: 1 }).catch(() => {});
      await closed;
    }
    for (const frame of tap.push(encodeFrame(telemetry(3)))) north.heard(frame, T0 + 2000);
    await until(() => hub.flights.get(1234)?.station.telemetryCount === 2, 10_000, "north's next frame");
    expect(hub.flights.get(1234)!.station.telemetry.map((t) => t.data.packetCount)).toEqual([1, 3]);
    expect(hub.flights.get(1234)!.merge.stationNames()).toEqual(['north']);
  });
});
