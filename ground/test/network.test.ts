import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@cansat/protocol';
import { receptionTopic } from '@cansat/protocol/network';
import { FrameTap } from '../src/network/frame-tap.ts';
import { hubApi } from '../src/network/hub-api.ts';
import { GroundServer } from '../src/server/ground-server.ts';
import { Hub } from '../src/network/hub.ts';
import { StationLink } from '../src/network/station-link.ts';
import { folder, telemetry, until, welcome } from './helpers.ts';
import { freePort, makeBrokerCertificate, startBroker } from './mosquitto.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const log = () => {};
const frames = (n: number) => Array.from({ length: n }, (_, i) => encodeFrame(telemetry(i + 1)));
const T0 = 1_800_000_000_000;

/** A station as the live path feeds it: the radio's bytes through the tap, each frame to the link. */
function station(url: string, id: string, clockMs = 0) {
  const link = new StationLink({ url, teamId: 1234, stationId: id, clock: 'ntp', storeFolder: folder(`cansat-store-${id}-`), log, statusIntervalMs: 500 });
  const tap = new FrameTap('binary');
  cleanups.push(() => link.close());
  return {
    link,
    hear(bytes: Uint8Array, n: number, rssi?: number) {
      for (const frame of tap.push(bytes)) link.heard(frame, T0 + n * 1000 + clockMs + ((n * 7) % 13) - 6, rssi);
    },
  };
}

/** A broker of its own and a hub on it, both gone after the test. */
async function brokerAndHub(): Promise<{ url: string; hub: Hub }> {
  const port = await freePort();
  const broker = await startBroker(port);
  cleanups.push(() => void broker.kill());
  const url = `mqtt://127.0.0.1:${port}`;
  const hub = await Hub.start({ url, archive: folder('cansat-hub-'), log });
  cleanups.push(() => hub.close());
  return { url, hub };
}

describe('the ground-station network through a real broker (mosquitto)', { timeout: 60_000 }, () => {
  it('merges three stations that each lost different frames: the union, each frame once, with who heard it', async () => {
    const { url, hub } = await brokerAndHub();
    const all = frames(100);
    const a = station(url, 'alpha');
    const b = station(url, 'bravo');
    // Charlie's clock runs 30 s ahead: the merge must not care, and must find out.
    const c = station(url, 'charlie', 30_000);
    await until(() => a.link.connected && b.link.connected && c.link.connected, 10_000, 'the stations to connect');
    all.forEach((bytes, i) => {
      const n = i + 1;
      if (n % 3 !== 0) a.hear(bytes, n);
      // Bravo's radio is in XBee API mode: each reception with its packet's signal.
      if (n % 5 !== 0) b.hear(bytes, n, -60 - Math.floor(n / 10));
      if (n <= 40 || n >= 60 || n === 45) c.hear(bytes, n);
    });
    // Duplicates and a late, reordered backfill change nothing.
    a.hear(all[9]!, 10);
    for (let n = 5; n >= 1; n--) b.hear(all[n - 1]!, n);
    await until(() => hub.flights.get(1234)?.merge.merged === 100, 20_000, 'the hub to merge 100 frames').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify([hub.flights.get(1234)?.merge.merged, hub.dropped, a.link.counts, b.link.counts, c.link.counts])}`);
    });
    const flight = hub.flights.get(1234)!;
    // After the reorder window, in the order the frames were received (charlie's 30 s taken out), not of arrival.
    await until(() => flight.station.telemetryCount === 100, 10_000, 'the merged flight to have them all');
    expect(flight.station.telemetry.map((t) => t.data.packetCount)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await until(() => flight.merge.figures().reduce((n, f) => n + f.heard, 0) === 68 + 85 + 82, 10_000, 'every reception to arrive');
    const figures = Object.fromEntries(flight.merge.figures().map((f) => [f.station, f]));
    // What each alone brought: alpha 50, 55 (bravo lost multiples of 5, charlie 41-59 but 45); bravo 42, 48, 51,
    // 54, 57 (alpha lost multiples of 3); charlie 15, 30, 45, 60, 75, 90 (both others lost multiples of 15).
    expect(figures['alpha']).toMatchObject({ heard: 68, unique: 2, lost: 33 });
    // Bravo's late copies of 1-5 brought it frame 5, which it had lost.
    expect(figures['bravo']).toMatchObject({ heard: 85, unique: 5, lost: 18 });
    expect(figures['charlie']).toMatchObject({ heard: 82, unique: 6, lost: 18 });
    // Each station's signal, where its radio gives one: bravo's last live reception (99) at -69 dBm.
    expect([figures['alpha']!.rssi, figures['bravo']!.rssi, figures['charlie']!.rssi]).toEqual([null, -69, null]);
    expect(flight.merge.mergedLost).toBe(0);
    // Charlie's clock: 30 s ahead, found within 0.2 s; the others near 0.
    expect(Math.abs(figures['charlie']!.clockOffsetMs! - 30_000)).toBeLessThan(200);
    expect(Math.abs(figures['alpha']!.clockOffsetMs!)).toBeLessThan(200);
    // The shared archive over HTTP.
    const server = await GroundServer.listen({ port: 0, hello: (role) => welcome(role, []), api: hubApi(hub) });
    cleanups.push(() => server.close());
    const api = (path: string) => fetch(`${server.url}api/${path}`);
    const flights = (await (await api('flights')).json()) as { id: string; team: number; frames: number; stations: string[] }[];
    expect(flights).toEqual([expect.objectContaining({ id: 'team1234', team: 1234, frames: 100, stations: ['alpha', 'bravo', 'charlie'] })]);
    const stations = (await (await api('flights/team1234/stations')).json()) as { station: string; unique: number; online: boolean }[];
    expect(stations.map((x) => [x.station, x.unique, x.online])).toEqual([['alpha', 2, true], ['bravo', 5, true], ['charlie', 6, true]]);
    // A frame that reached the hub after its reorder window (a busy machine) is written into the CSV shortly after.
    const csvRows = async () => (await (await api('flights/team1234/Flight_1234.csv')).text()).trim().split('\r\n').length;
    const rows = Date.now();
    while ((await csvRows()) !== 101 && Date.now() - rows < 5000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await csvRows()).toBe(101);
    expect((await api('flights/team1234/radio.raw')).status).toBe(200);
    expect((await (await api('flights/team1234/stations/charlie.csv')).text()).trim().split('\n')).toHaveLength(82);
    expect((await api('flights/team9/stations')).status).toBe(404);
    expect((await fetch(`${server.url}api/flights`, { method: 'POST' })).status).toBe(405);
  });

  it('keeps receptions on disk while the broker is down and backfills them when it is back: nothing lost', async () => {
    const port = await freePort();
    let broker = await startBroker(port);
    cleanups.push(() => void broker.kill());
    const url = `mqtt://127.0.0.1:${port}`;
    const hub = await Hub.start({ url, archive: folder('cansat-hub-'), log });
    cleanups.push(() => hub.close());
    const a = station(url, 'alpha');
    await until(() => a.link.connected, 10_000, 'the station to connect');
    const all = frames(60);
    for (let n = 1; n <= 20; n++) a.hear(all[n - 1]!, n);
    await until(() => hub.flights.get(1234)?.merge.merged === 20, 10_000, 'the first 20 frames');
    broker.kill('SIGKILL');
    await once(broker, 'exit');
    await until(() => !a.link.connected, 10_000, 'the station to see the broker gone');
    for (let n = 21; n <= 40; n++) a.hear(all[n - 1]!, n);
    await until(() => a.link.counts.queued === 20, 10_000, 'the station to keep 20 receptions on disk');
    broker = await startBroker(port);
    for (let n = 41; n <= 60; n++) a.hear(all[n - 1]!, n);
    await until(() => hub.flights.get(1234)?.merge.merged === 60, 20_000, 'the hub to have all 60 after the backfill').catch((e: Error) => {
      const have = new Set(hub.flights.get(1234)?.station.telemetry.map((t) => t.data.packetCount));
      throw new Error(`${e.message}: missing ${all.map((_, i) => i + 1).filter((n) => !have.has(n)).join(' ')}; station ${JSON.stringify(a.link.counts)}, hub dropped ${JSON.stringify(hub.dropped)}`);
    });
    await until(() => hub.flights.get(1234)!.station.telemetryCount === 60, 10_000, 'the merged flight to have them all');
    expect(a.link.counts).toMatchObject({ queued: 0, storeFull: 0 });
    expect(a.link.counts.backfilled).toBeGreaterThanOrEqual(20);
    const counts = hub.flights.get(1234)!.station.telemetry.map((t) => t.data.packetCount);
    expect(counts).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('puts a reception 5 minutes late in its place, once, in the flight, its CSV and after a hub restart; a late copy changes nothing', async () => {
    const port = await freePort();
    const broker = await startBroker(port);
    cleanups.push(() => void broker.kill());
    const url = `mqtt://127.0.0.1:${port}`;
    const archive = folder('cansat-hub-');
    let hub = await Hub.start({ url, archive, log });
    // 400 frames a second apart: alpha lost 40 and 90; bravo's copies of them reach the hub after frame 400.
    const all = frames(400);
    const a = station(url, 'alpha');
    const b = station(url, 'bravo');
    await until(() => a.link.connected && b.link.connected, 10_000, 'the stations to connect');
    all.forEach((bytes, i) => i + 1 !== 40 && i + 1 !== 90 && a.hear(bytes, i + 1));
    await until(() => hub.flights.get(1234)?.station.telemetryCount === 398, 20_000, "alpha's 398 frames in the flight");
    const flight = hub.flights.get(1234)!;
    b.hear(all[39]!, 40);
    b.hear(all[89]!, 90);
    b.hear(all[9]!, 10);
    const inOrder = Array.from({ length: 400 }, (_, i) => i + 1);
    await until(() => flight.station.telemetryCount === 400, 10_000, 'the late frames to join');
    expect(flight.station.telemetry.map((t) => t.data.packetCount)).toEqual(inOrder);
    expect(flight.merge.mergedLost).toBe(0);
    // Frame 40's time: 360 s before the flight's last frame.
    expect(flight.station.telemetry[399]!.receivedAt - flight.station.telemetry[39]!.receivedAt).toBeGreaterThan(300_000);
    const csvCounts = () => readFileSync(join(archive, 'team1234', 'Flight_1234.csv'), 'utf8').trim().split('\r\n').slice(1).map((row) => Number(row.split(',')[2]));
    await until(() => csvCounts().length === 400, 10_000, 'the CSV written again');
    expect(csvCounts()).toEqual(inOrder);
    await until(() => flight.merge.figures().find((f) => f.station === 'bravo')?.heard === 3, 10_000, "bravo's three receptions");
    expect(Object.fromEntries(flight.merge.figures().map((f) => [f.station, f.unique]))).toEqual({ alpha: 398 - 1, bravo: 2 });
    // Restarted, the hub reads its archive back in the same order.
    await hub.close();
    hub = await Hub.start({ url, archive, log });
    cleanups.push(() => hub.close());
    const again = hub.flight(1234);
    expect(again.station.telemetry.map((t) => t.data.packetCount)).toEqual(inOrder);
    expect(csvCounts()).toEqual(inOrder);
  });

  it('over TLS with a broker\'s own certificate authority: a station that trusts it is merged, one that does not is refused', async () => {
    const port = await freePort();
    const tls = makeBrokerCertificate();
    const broker = await startBroker(port, undefined, tls);
    cleanups.push(() => void broker.kill());
    const url = `mqtts://127.0.0.1:${port}`;
    const ca = readFileSync(tls.caFile, 'utf8');
    const hub = await Hub.start({ url, archive: folder('cansat-hub-'), log, ca });
    cleanups.push(() => hub.close());
    const said: string[] = [];
    const trusting = new StationLink({ url, teamId: 1234, stationId: 'north', clock: 'ntp', storeFolder: folder(), log, ca });
    const doubting = new StationLink({ url, teamId: 1234, stationId: 'south', clock: 'ntp', storeFolder: folder(), log: (line) => said.push(line) });
    cleanups.push(() => trusting.close(), () => doubting.close());
    await until(() => trusting.connected, 10_000, 'the station that trusts the authority to connect');
    await until(() => said.some((line) => /self.signed|unable to verify|certificate/i.test(line)), 10_000, 'the other to be refused for the certificate');
    expect(doubting.connected).toBe(false);
    const tap = new FrameTap('binary');
    for (const frame of tap.push(encodeFrame(telemetry(1)))) trusting.heard(frame, T0);
    for (const frame of new FrameTap('binary').push(encodeFrame(telemetry(2)))) doubting.heard(frame, T0 + 1000);
    await until(() => hub.flights.get(1234)?.merge.merged === 1, 10_000, "north's frame over TLS");
    expect(hub.flights.get(1234)!.merge.stationNames()).toEqual(['north']);
    // The refused station keeps what it heard for later: nothing is lost to a broker it cannot trust yet.
    await until(() => doubting.counts.queued === 1, 10_000, "south's reception kept on disk");
  });

  it('counts and drops garbage and a station publishing under another id; merges nothing of them', async () => {
    const { url, hub } = await brokerAndHub();
    const rogue = await mqtt.connectAsync(url);
    cleanups.push(() => rogue.endAsync());
    const frame = Buffer.from(encodeFrame(telemetry(1))).toString('base64');
    const spoof = { v: 1, station: 'bravo', receivedAt: T0 * 1000, clock: 'ntp', decoded: true, backfill: false, frame };
    await rogue.publishAsync(receptionTopic(1234, 'alpha'), JSON.stringify(spoof), { qos: 1 });
    await rogue.publishAsync(receptionTopic(1234, 'alpha'), Buffer.from([0xff, 0x00, 0x13]), { qos: 1 });
    await rogue.publishAsync(receptionTopic(1234, 'alpha'), JSON.stringify({ v: 1, station: 'alpha' }), { qos: 1 });
    await rogue.publishAsync('cansat/v1/1234/rx/../x', 'x', { qos: 1 });
    await until(() => Object.values(hub.dropped).reduce((n, k) => n + k, 0) === 3, 10_000, 'three drops');
    expect(hub.dropped).toEqual({ spoofed: 1, 'not-json': 1, 'bad-reception': 1 });
    expect(hub.flights.get(1234)?.merge.merged ?? 0).toBe(0);
  });

  it('with passwords and the ACL: a wrong password is refused, a station cannot publish as another, nothing of them merged', async () => {
    const port = await freePort();
    const broker = await startBroker(port, { hub: 'hub-secret', north: 'north-secret', south: 'south-secret' });
    cleanups.push(() => void broker.kill());
    const url = `mqtt://127.0.0.1:${port}`;
    const hub = await Hub.start({ url, username: 'hub', password: 'hub-secret', archive: folder('cansat-hub-'), log });
    cleanups.push(() => hub.close());
    const lines: string[] = [];
    const north = new StationLink({ url, teamId: 1234, stationId: 'north', username: 'north', password: 'north-secret', clock: 'ntp', storeFolder: folder(), log });
    const intruder = new StationLink({ url, teamId: 1234, stationId: 'south', username: 'south', password: 'guessed', clock: 'ntp', storeFolder: folder(), log: (line) => lines.push(line) });
    cleanups.push(() => north.close(), () => intruder.close());
    await until(() => north.connected, 10_000, 'north to connect');
    await until(() => lines.some((line) => /Not authorized|Bad username or password/i.test(line)), 10_000, 'the wrong password to be refused');
    expect(intruder.connected).toBe(false);
    const tap = new FrameTap('binary');
    for (const frame of tap.push(encodeFrame(telemetry(1)))) north.heard(frame, T0);
    await until(() => hub.flights.get(1234)?.merge.merged === 1, 10_000, 'north\'s frame');
    // North's credentials, south's topic: the broker drops it; the hub never sees it.
    const rogue = await mqtt.connectAsync(url, { username: 'north', password: 'north-secret', clientId: 'rogue' });
    cleanups.push(() => rogue.endAsync());
    const spoof = { v: 1, station: 'south', receivedAt: T0 * 1000, clock: 'ntp', decoded: true, backfill: false, frame: Buffer.from(encodeFrame(telemetry(2))).toString('base64') };
    await rogue.publishAsync(receptionTopic(1234, 'south'), JSON.stringify(spoof), { qos: 1 });
    for (const frame of tap.push(encodeFrame(telemetry(3)))) north.heard(frame, T0 + 2000);
    await until(() => hub.flights.get(1234)?.station.telemetryCount === 2, 10_000, 'north\'s next frame');
    expect(hub.flights.get(1234)!.station.telemetry.map((t) => t.data.packetCount)).toEqual([1, 3]);
  });
});
