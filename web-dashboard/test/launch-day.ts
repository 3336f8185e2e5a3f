import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveFlight, type LiveFlight } from '../../test/support/live-flight.ts';
import { startLiveGround, type AlarmLimits, type LiveGround, type SimFile } from '@cansat/ground';
import { parseKey } from '@cansat/protocol/node';
import { RADIO_MODULES, address64 } from '@cansat/protocol';
import { Random, SIMULATED_RADIOS, linkMarginDb, placeNear, resolveScenario, simulatedXbeePair, type GroundSite, type Simulator } from '@cansat/firmware-sim';

/** Options of a test launch day. */
export interface LaunchDayOptions {
  seed: number;
  /** Simulated seconds per real second. */
  scale: number;
  /** binary, or aas-<year>, on both sides. */
  wireFormat?: string;
  scenario?: object;
  /** The built dashboard the ground station serves. */
  staticRoot: string;
  limits?: AlarmLimits;
  /** The judges' file for the SIMP player, sent at one a second of the CanSat's (scaled) time. */
  simFile?: SimFile;
  /**
   * Both radios in XBee API mode (the simulated modules), the ground's RSSI from the simulator's link budget for a
   * station at `site` (its position given to the ground station).
   */
  xbee?: { site: GroundSite };
}


/**
 * The real flight program on the simulator and the real ground station on the other end of the radio ttys,
 * serving the dashboard: launch day, with nothing left out but the hardware. Both go into `cleanups`.
 */
export async function launchDay(options: LaunchDayOptions, cleanups: (() => unknown)[]): Promise<{ flight: LiveFlight; ground: LiveGround }> {
  const wireFormat = options.wireFormat ?? 'binary';
  const site = options.xbee?.site;
  const scenario = resolveScenario({ seed: options.seed, padWait: 15, ...options.scenario });
  const random = new Random(options.seed + 7);
  const flight = await startLiveFlight({
    seed: options.seed,
    scale: options.scale,
    openGround: false,
    config: { wireFormat, ...(site ? { radio: { baudRate: 115_200, mode: 'api', destination: address64(SIMULATED_RADIOS.ground) } } : {}) },
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(site
      ? {
          xbee: (sim: Simulator) => simulatedXbeePair(1, { rssiAt: () => linkMarginDb(site, scenario.radio, sim.world.vehicle) + scenario.radio.sensitivityDbm + random.gaussian(1) }),
        }
      : {}),
  });
  cleanups.push(() => flight.close());
  await flight.start();
  const ground = await startLiveGround({
    port: flight.groundPath,
    baudRate: 115_200,
    teamId: 1234,
    wireFormat,
    key: parseKey(flight.keyHex),
    recordRoot: mkdtempSync(join(tmpdir(), 'cansat-launch-day-')),
    kind: 'simulator',
    httpPort: 0,
    host: '127.0.0.1',
    staticRoot: options.staticRoot,
    log: () => {},
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.simFile ? { simFile: options.simFile, simPeriodMs: 1000 / options.scale } : {}),
    ...(site
      ? {
          radio: { mode: 'api' as const, protocol: '802.15.4' as const, destination: address64(SIMULATED_RADIOS.cansat), module: RADIO_MODULES.find((r) => r.id === 'xbee3')!, antennaDbi: site.antennaGainDbi, cableDb: 0 },
          stationPosition: placeNear(scenario.launchSite, site.north, site.east),
        }
      : {}),
  });
  cleanups.push(() => ground.close());
  return { flight, ground };
}
