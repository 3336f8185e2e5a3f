import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveFlight, type LiveFlight } from '../../test/support/live-flight.ts';
import { startLiveGround, type AlarmLimits, type LiveGround, type SimFile } from '@cansat/ground';
import { parseKey } from '@cansat/protocol/node';

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
}

/**
 * The real flight program on the simulator and the real ground station on the other end of the radio ttys,
 * serving the dashboard: launch day, with nothing left out but the hardware. Both go into `cleanups`.
 */
export async function launchDay(options: LaunchDayOptions, cleanups: (() => unknown)[]): Promise<{ flight: LiveFlight; ground: LiveGround }> {
  const wireFormat = options.wireFormat ?? 'binary';
  const flight = await startLiveFlight({ seed: options.seed, scale: options.scale, openGround: false, config: { wireFormat }, ...(options.scenario ? { scenario: options.scenario } : {}) });
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
  });
  cleanups.push(() => ground.close());
  return { flight, ground };
}
