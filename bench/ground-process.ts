import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyRadioLink, Random } from '@cansat/firmware-sim';
import { SerialPort } from 'serialport';

const GROUND = new URL('../ground/bin/cansat-ground.js', import.meta.url).pathname;

/** `cansat-ground live` as a separate process on a pty, and the CanSat's end of the pty to write frames into. */
export interface GroundProcess {
  child: ChildProcess;
  cansat: SerialPort;
  /** The dashboard's address, e.g. http://127.0.0.1:40123/ */
  url: string;
  close(): Promise<void>;
}

/** Starts the ground station (team 1234, binary) on a clean pty link; `args` are more of its options. */
export async function startGroundProcess(args: string[] = []): Promise<GroundProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cansat-ground-bench-'));
  const link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: { baud: 100_000_000, latencyMs: 0, byteLoss: 0, packetLoss: 0, bitErrorRate: 0, blackouts: [] }, random: new Random(1) });
  const child = spawn(process.execPath, [GROUND, 'live', '--port', link.path('ground'), '--baud', '115200', '--team', '1234', '--record', join(dir, 'rec'), '--http-port', '0', '--kind', 'simulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const cansat = await new Promise<SerialPort>((resolve, reject) => {
    const port = new SerialPort({ path: link.path('cansat'), baudRate: 115_200 }, (e) => (e ? reject(e) : resolve(port)));
  });
  // Writes still queued when the benchmark closes the port are of no interest.
  cansat.on('error', () => {});
  const close = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => cansat.close(resolve));
    await link.close();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /dashboard: (\S+)/.exec(output);
        if (match && output.includes('receiving on')) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error(`ground station ended:\n${output}`));
      });
    });
    return { child, cansat, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
