import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { folder } from './helpers.ts';

/** Debian's mosquitto, which the kit's scripts install (scripts/install-system-deps.sh). */
const MOSQUITTO = '/usr/sbin/mosquitto';

/** A TCP port nobody uses now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Debian's mosquitto on a port of its own (the kit's scripts install it), keeping nothing across a restart (the
 * hardest case: no session, no retained message survives). Resolves once it accepts connections.
 */
export async function startBroker(port: number): Promise<ChildProcess> {
  const conf = join(folder('cansat-mosquitto-'), 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const broker = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  const started = Date.now();
  while (!(await listening())) {
    if (Date.now() - started > 10_000) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return broker;
}

