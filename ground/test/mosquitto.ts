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
export async function startBroker(port: number, users?: Record<string, string>, tls?: BrokerCertificate): Promise<ChildProcess> {
  const dir = folder('cansat-mosquitto-');
  const conf = join(dir, 'mosquitto.conf');
  // mosquitto started as root reads its files as its own user.
  chmodSync(dir, 0o755);
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
  const certificate = tls ? `cafile ${tls.caFile}\ncertfile ${tls.certFile}\nkeyfile ${tls.keyFile}\n` : '';
  writeFileSync(conf, `listener ${port} 127.0.0.1\n${certificate}${security}persistence false\nmax_queued_messages 0\n`);
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

/** A broker's certificate and the authority that signed it, as files. */
export interface BrokerCertificate {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * A certificate authority of its own and a certificate it signed for 127.0.0.1 (as a school running its own broker
 * would make with openssl), readable by mosquitto's user.
 */
export function makeBrokerCertificate(): BrokerCertificate {
  const dir = folder('cansat-tls-');
  chmodSync(dir, 0o755);
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=CanSat test broker CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(file('san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.crt'), '-days', '2', '-extfile', file('san.cnf'));
  for (const name of ['ca.crt', 'server.crt', 'server.key']) chmodSync(file(name), 0o644);
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key') };
}
