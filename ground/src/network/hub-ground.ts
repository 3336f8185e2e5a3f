import { GroundStation } from '../ground-station.ts';
import { GroundServer, type Welcome } from '../server/ground-server.ts';
import { mapSetup, type MapOptions } from '../server/map-tiles.ts';
import type { Hello, NetworkStatus } from '@cansat/protocol/station';
import { Hub, type HubFlight, type HubOptions } from './hub.ts';
import { hubApi } from './hub-api.ts';

/** Options of a running hub: the merge, and the dashboard of one team's merged flight for viewers. */
export interface HubGroundOptions extends HubOptions, MapOptions {
  /** The team whose flight the dashboard shows; default: the first heard. */
  teamId?: number;
  httpPort: number;
  host: string;
  staticRoot?: string;
}

/** A running hub with its server. */
export interface HubGround {
  hub: Hub;
  server: GroundServer;
  close(): Promise<void>;
}

/**
 * The hub as run from the command line: it merges every station's receptions, serves the shared archive's HTTP API,
 * and shows one team's merged flight on the dashboard to any number of viewers. Nobody commands through it.
 */
export async function startHub(o: HubGroundOptions): Promise<HubGround> {
  let shown: HubFlight | null = null;
  let server: GroundServer | null = null;
  // Until the team is heard, viewers see an empty flight.
  const waiting = new GroundStation({ teamId: o.teamId ?? 0, wireFormat: 'binary', source: 'network' });
  const hub = await Hub.start({
    ...o,
    onFlight: (flight) => {
      if (shown || (o.teamId !== undefined && flight.teamId !== o.teamId)) return;
      shown = flight;
      flight.station.on('message', (message) => {
        if (message.type !== 'ack') server?.broadcast(message);
      });
      // A frame that came late took its place: viewers get the flight so far again (once for a burst of them).
      let rehello: NodeJS.Timeout | null = null;
      flight.station.on('reordered', () => {
        rehello ??= setTimeout(() => {
          rehello = null;
          server?.rehello();
        }, 250);
      });
      server?.rehello();
    },
  });
  const hello = (role: Hello['role']): Welcome => {
    const station = shown?.station ?? waiting;
    return station.welcome({
      role,
      teamId: shown?.teamId ?? o.teamId ?? 0,
      wireFormat: 'binary',
      mode: 'live',
      session: shown?.folder ?? null,
      commands: [],
      link: linkStats(),
      replay: null,
      simPlayer: { state: 'idle', sent: 0, total: 0, detail: 'the hub carries no commands' },
      simFile: null,
      limits: {},
      map: mapSetup(o),
      network: networkStatus(),
    });
  };
  /**
   * The merged flight's link: lost is what the merge lost (gaps in the union of every station's counts), not the
   * gaps in the order frames happened to arrive from different stations.
   */
  const linkStats = () => {
    const station = shown?.station ?? waiting;
    return { ...station.linkStats(Date.now()), ...(shown ? { framesLost: shown.merge.mergedLost } : {}), viewerSkips: server?.skipped ?? 0 };
  };
  /** The stations that heard the shown flight, with their presence. */
  const networkStatus = (): NetworkStatus => {
    if (!shown) return { stations: [], mergedLost: 0 };
    const flight: HubFlight = shown;
    return {
      stations: flight.merge
        .figures()
        .sort((a, b) => (a.station < b.station ? -1 : 1))
        .map((f) => {
          const presence = flight.presence.get(f.station);
          const position = presence?.position ? { latitude: presence.position.latitude, longitude: presence.position.longitude } : null;
          return { ...f, online: presence?.online ?? null, ...(position ? { position } : {}) };
        }),
      mergedLost: flight.merge.mergedLost,
    };
  };
  server = await GroundServer.listen({ port: o.httpPort, host: o.host, hello, log: o.log, api: hubApi(hub), ...(o.staticRoot ? { staticRoot: o.staticRoot } : {}), ...(o.tiles ? { tilesRoot: o.tiles.root } : {}) });
  const s = server;
  s.handle((_request, reply) => reply({ type: 'error', code: 'not-available', message: "the hub shows the merged flight; only a team's own station commands its CanSat" }));
  const linkTimer = setInterval(() => {
    s.broadcast({ type: 'link', stats: linkStats() });
    s.broadcast({ type: 'network', status: networkStatus() });
  }, 1000);
  linkTimer.unref();
  return {
    hub,
    server: s,
    async close() {
      clearInterval(linkTimer);
      await s.close();
      await hub.close();
    },
  };
}
