import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Hub, HubFlight } from './hub.ts';

/** One flight in the archive's list. */
export interface FlightListing {
  id: string;
  team: number;
  /** ISO times of the first and last telemetry merged; null before any. */
  start: string | null;
  end: string | null;
  frames: number;
  /** Telemetry frames no station heard (gaps in the merged packet counts). */
  lost: number;
  stations: string[];
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }).end(`${JSON.stringify(body, null, 2)}\n`);
};

function listing(flight: HubFlight): FlightListing {
  const ends = flight.station.telemetryEnds();
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return { id: `team${flight.teamId}`, team: flight.teamId, start: iso(ends?.first.receivedAt), end: iso(ends?.last.receivedAt), frames: flight.merge.merged, lost: flight.merge.mergedLost, stations: flight.merge.stationNames() };
}

/**
 * The shared archive over HTTP, JSON unless a file is asked for (ground/README.md documents it):
 * `GET /api/flights`, `/api/flights/<id>/stations`, `/api/flights/<id>/Flight_<TEAM_ID>.csv`, `…/radio.raw`,
 * `…/stations/<stationId>.csv`. Read-only: anything but GET is refused.
 */
export function hubApi(hub: Hub): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.startsWith('/api/')) return false;
    if (request.method !== 'GET') {
      json(response, 405, { error: 'the archive is read-only: GET only' });
      return true;
    }
    if (path === '/api/flights') {
      json(response, 200, [...hub.flights.values()].map(listing));
      return true;
    }
    const match = /^\/api\/flights\/team(\d+)(\/.*)?$/.exec(path);
    const flight = match ? hub.flights.get(Number(match[1])) : undefined;
    if (!match || !flight) {
      json(response, 404, { error: `no such flight: ${path}`, flights: [...hub.flights.values()].map((f) => `team${f.teamId}`) });
      return true;
    }
    const rest = match[2] ?? '';
    if (rest === '' || rest === '/') {
      json(response, 200, listing(flight));
    } else if (rest === '/stations') {
      json(response, 200, flight.merge.figures().sort((a, b) => (a.station < b.station ? -1 : 1)).map((f) => ({ ...f, online: flight.presence.get(f.station)?.online ?? null, lastStatus: flight.presence.get(f.station)?.at ?? null })));
    } else {
      const file = rest === `/Flight_${flight.teamId}.csv` ? `Flight_${flight.teamId}.csv` : rest === '/radio.raw' ? 'radio.raw' : /^\/stations\/[A-Za-z0-9_-]{1,32}\.csv$/.test(rest) ? rest.slice(1) : null;
      const full = file ? join(flight.folder, file) : null;
      if (!full || !existsSync(full)) {
        json(response, 404, { error: `no such file in ${`team${flight.teamId}`}: ${rest}` });
        return true;
      }
      response.writeHead(200, { 'content-type': file!.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream', 'cache-control': 'no-cache' });
      createReadStream(full).pipe(response);
    }
    return true;
  };
}
