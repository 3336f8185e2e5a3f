import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../random.ts';
import { PtyRadioLink } from './pty-radio-link.ts';

const CLEAN = { baud: 115_200, latencyMs: 5, byteLoss: 0, packetLoss: 0, bitErrorRate: 0, blackouts: [] };

let link: PtyRadioLink | undefined;
const ports: SerialPort[] = [];
afterEach(async () => {
  for (const port of ports.splice(0)) if (port.isOpen) await new Promise((resolve) => port.close(resolve));
  await link?.close();
});

function open(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600 }, (error) => (error ? reject(error) : resolve(port)));
    ports.push(port);
  });
}

function receive(port: SerialPort, count: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).length >= count) {
        port.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    port.on('data', onData);
  });
}

describe('radio link over real pseudo-terminals (socat)', () => {
  it('carries binary bytes both ways between two serial ports opened by path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cansat-pty-'));
    link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: CLEAN, random: new Random(1) });
    const cansat = await open(link.path('cansat'));
    const ground = await open(link.path('ground'));
    const telemetry = Buffer.from(Array.from({ length: 3000 }, (_, i) => i & 0xff)); // every byte value, 0x00 included
    const arriving = receive(ground, telemetry.length);
    cansat.write(telemetry);
    expect(await arriving).toEqual(telemetry);
    const command = Buffer.from('CMD,1000,CX,ON\r');
    const up = receive(cansat, command.length);
    ground.write(command);
    expect(await up).toEqual(command);
    expect(link.downlink.stats.bytesOut).toBe(3000);
  });

  it('unplugs and plugs one side back at the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cansat-pty-'));
    link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: CLEAN, random: new Random(1) });
    const cansat = await open(link.path('cansat'));
    let ground = await open(link.path('ground'));
    const closed = new Promise((resolve) => ground.once('close', resolve));
    ground.on('error', () => {});
    await link.unplug('ground');
    expect(existsSync(link.path('ground'))).toBe(false);
    // A pty's hang-up shows on the next write (a real USB radio's also on reads): the port fails and closes.
    ground.write('x');
    await closed;
    await link.plug('ground');
    ground = await open(link.path('ground'));
    const arriving = receive(ground, 5);
    cansat.write(Buffer.from('hello'));
    expect((await arriving).toString()).toBe('hello');
  });
});
