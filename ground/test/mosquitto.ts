import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { folder } from './helpers.ts';

/** Debian's mosquitto, which the kit's scripts install (scripts/install-system-deps.sh). */
const MOSQUITTO = '/usr/sbin/mosquitto';

/** The network's ACL (the README's): the hub reads everything; a station writes under its own user name only. */
export const ACL = `user hub
topic read cansat/v1/#
topic readwrite cansat/v1/hub/status

pattern write cansat/v1/+/rx/%u
pattern readwrite cansat/v1/+/status/%u
pattern read cansat/v1/hub/status
`;

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
export async function startBroker(port: number, users?: Record<string, string>): Promise<ChildProcess> {
  const dir = folder('cansat-mosquitto-');
  const conf = join(dir, 'mosquitto.conf');
  let security = 'allow_anonymous true\n';
  if (users) {
    // As the README sets a network up: a password each, and an ACL so a station publishes only under its own id.
    const passwords = join(dir, 'passwords');
    writeFileSync(passwords, '');
    for (const [user, password] of Object.entries(users)) execFileSync('mosquitto_passwd', ['-b', passwords, user, password]);
    const acl = join(dir, 'acl');
    writeFileSync(acl, ACL);
    chmodSync(dir, 0o755);
    for (const file of [passwords, acl]) chmodSync(file, 0o644);
    security = `allow_anonymous false\npassword_file ${passwords}\nacl_file ${acl}\n`;
  }
  // No cap on what waits for a subscriber (mosquitto's default drops QoS 1 messages beyond 1000 for a busy hub).
  writeFileSync(conf, `listener ${port} 127.0.0.1\n${security}persistence false\nmax_queued_messages 0\n`);
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

