import { join } from 'node:path';
import { Random, SIMULATED_RADIOS, linkMarginDb, resolveScenario, simulatedXbeePair, type GroundSite } from '@cansat/firmware-sim';
import { GroundStation, loadRecording, startLiveGround, type LiveGround } from '@cansat/ground';
import { RADIO_MODULES, address64, expectedRssiDbm } from '@cansat/protocol';
import { parseKey } from '@cansat/protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { folder, until } from '../ground/test/helpers.ts';
import { startLiveFlight, type LiveFlight } from './support/live-flight.ts';

/**
 * The radio as teams fly it in API mode, end to end over real ttys: the real flight program (its bundle) with
 * `radio.mode: api`, simulated XBee modules at both ends (transmit requests, receive frames with an RSSI from the
 * simulator's own link budget), and the real ground station with `--radio-mode api`: telemetry, a command and its
 * ack through API frames, the RSSI moving as the can climbs and drifts, kept in the raw log for replay.
 */
/** The team's station beside the pad, with a whip antenna. */
const SITE: GroundSite = { id: 'team', north: -120, east: -60, height: 1.5, antennaGainDbi: 2.1, obstructionDb: 3, blackouts: [] };

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('XBee API mode end to end', () => {
  it.each([
    ['api', '802.15.4'],
    ['api-escaped', '802.15.4'],
    ['api', 'zigbee'],
  ] as const)('%s, %s frames: telemetry, a command and its ack through API frames; the RSSI on the link, moving with the flight, replayed from the raw log', async (mode, protocol) => {
    // 40 s on the pad: at 16 times real time, 2.5 s of pad telemetry after CX even on a busy machine.
    const scenario = resolveScenario({ seed: 5, padWait: 40 });
    const random = new Random(9);
    const apiMode = mode === 'api' ? 1 : 2;
    const flight: LiveFlight = await startLiveFlight({
      seed: 5,
      // The module's DB answers a second of real time after the packet it measured: ZigBee flies at 8 times real
      // time so that its lag stays a few packets, as on the field.
      scale: protocol === 'zigbee' ? 8 : 16,
      scenario: { padWait: 40 },
      openGround: false,
      config: { radio: { baudRate: 115_200, mode, protocol, destination: address64(SIMULATED_RADIOS.ground) } },
      // The signal at the ground radio: the simulator's link budget at the can's place now, with its fading.
      xbee: (sim) => simulatedXbeePair(apiMode, { protocol, panId: 1234, rssiAt: () => linkMarginDb(SITE, scenario.radio, sim.world.vehicle) + scenario.radio.sensitivityDbm + random.gaussian(1) }),
    });
    cleanups.push(() => flight.close());
    const record = folder();
    const ground: LiveGround = await startLiveGround({
      port: flight.groundPath,
      baudRate: 115_200,
      teamId: 1234,
      wireFormat: 'binary',
      key: parseKey(flight.keyHex),
      recordRoot: record,
      kind: 'simulator',
      httpPort: 0,
      host: '127.0.0.1',
      radio: { mode, protocol, destination: address64(SIMULATED_RADIOS.cansat) },
      log: () => {},
    });
    cleanups.push(() => ground.close());
    await flight.start();
    const rssi: { t: number; rssi: number; altitude: number; rangeM: number }[] = [];
    ground.station.on('message', (m) => {
      const v = flight.sim.world.vehicle;
      // ZigBee frames carry no RSSI: the station asks the module (DB), so the first packets may come without one.
      if (m.type === 'telemetry' && m.rssi != null) rssi.push({ t: m.data.missionTime, rssi: m.rssi, altitude: v.altitude, rangeM: Math.hypot(v.north - SITE.north, v.east - SITE.east, v.altitude - SITE.height) });
    });
    // A command up through a transmit request, its ack back down through a receive frame; then telemetry flows.
    ground.uplink.send('cx', { name: 'CX', on: true }, false);
    await until(() => ground.uplink.statuses.some((s) => s.id === 'cx' && (s.state === 'acked' || s.state === 'echoed')), 20_000, 'the CX ack');
    await until(() => ground.station.telemetryCount >= 3, 20_000, 'telemetry through API frames');
    await until(() => flight.sim.world.vehicle.peakAltitude > 600 && flight.sim.world.vehicle.altitude < 400, 90_000, 'the climb and part of the descent');
    expect(ground.station.linkStats(Date.now()).rejected).toEqual({});
    // RSSI as the link budget has it: strong on the pad beside the station, weaker as the can climbs away.
    const onPad = rssi.filter((r) => r.altitude < 2);
    const high = rssi.filter((r) => r.altitude > 500);
    expect(onPad.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(onPad.map((r) => r.rssi)) - mean(high.map((r) => r.rssi))).toBeGreaterThan(6);
    expect(rssi.every((r) => r.rssi < -20 && r.rssi > -110)).toBe(true);
    // The kit's link budget (the XBee 3's datasheet figures, the station's whip and obstruction) predicts what the
    // simulated radio measured, within the fading.
    const predicted = rssi.map((r) => expectedRssiDbm({ radio: RADIO_MODULES.find((m) => m.id === 'xbee3')!, groundAntennaDbi: SITE.antennaGainDbi, cableLossDb: 0, obstructionDb: SITE.obstructionDb }, r.rangeM));
    // The median: a packet's place is taken when the test hears it, so a busy machine's delay moves a few of them.
    const errors = rssi.map((r, i) => Math.abs(r.rssi - predicted[i]!)).sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]!).toBeLessThan(2.5);
    // The raw log keeps the frames: a replay of it gives the same flight, the RSSI with it.
    const recording = loadRecording(join(ground.session, 'radio.raw'));
    expect(recording.radioMode).toBe(mode);
    const replay = new GroundStation({ teamId: 1234, wireFormat: recording.wireFormat, radioMode: recording.radioMode, source: 'replay', replay: true });
    const replayed: number[] = [];
    replay.on('message', (m) => m.type === 'telemetry' && m.rssi != null && replayed.push(m.rssi));
    for (const chunk of recording.chunks) replay.ingest(chunk.bytes, recording.startedAt + chunk.receivedAt);
    replay.close();
    expect(replayed.length).toBeGreaterThan(ground.station.telemetryCount * (protocol === 'zigbee' ? 0.8 : 1) - 1);
    expect(replayed.slice(0, rssi.length)).toEqual(rssi.map((r) => r.rssi));
  }, 150_000);
});
