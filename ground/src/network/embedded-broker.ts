import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import { HUB_TOPIC, TOPIC_ROOT } from '@cansat/protocol/network';

/** A running embedded broker. */
export interface EmbeddedBroker {
  /** mqtt://host:port, for `--network`. */
  url: string;
  close(): Promise<void>;
}

const STATION_CLIENT = /^cansat-station-(\d{1,5})-([A-Za-z0-9_-]{1,32})$/;

/**
 * Who may publish where, by client id: a station (`cansat-station-<team>-<id>`) only its own receptions and
 * presence, the hub (`cansat-hub-…`) only its presence, anyone else nothing under the network's root. Client ids
 * are not credentials: this keeps honest programs apart on one computer or a classroom's network; a broker shared
 * between schools is mosquitto with passwords and an ACL (README). Pure.
 */
export function mayPublish(clientId: string, topic: string): boolean {
  if (!topic.startsWith(`${TOPIC_ROOT}/`)) return true;
  if (clientId.startsWith('cansat-hub-')) return topic === HUB_TOPIC;
  const station = STATION_CLIENT.exec(clientId);
  if (!station) return false;
  const [, team, id] = station;
  return topic === `${TOPIC_ROOT}/${team}/rx/${id}` || topic === `${TOPIC_ROOT}/${team}/status/${id}`;
}

/**
 * An MQTT broker inside the kit (aedes, sessions in memory), so that a network of simulated stations and a hub
 * runs with nothing installed. Not for a shared network: it keeps nothing across its own restart.
 */
export async function startEmbeddedBroker(o: { port: number; host: string; log: (line: string) => void }): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authorizePublish: (client, packet, callback) => {
      // The broker's own publications (a last will is the client's) have no client to judge.
      if (client === null || mayPublish(client.id, packet.topic)) return callback(null);
      o.log(`broker: ${client.id} may not publish on ${packet.topic}; dropped`);
      callback(new Error('not authorised'));
    },
  });
  const server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${o.port} is in use (another broker?); give another with --port` : error.message)),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `mqtt://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
