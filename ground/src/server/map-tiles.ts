import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GroundPosition, MapSetup } from '@cansat/protocol/station';

/** A folder of map tiles a crew prepared before launch day, in the usual `<zoom>/<x>/<y>.<png|jpg|webp>` layout. */
export interface TileFolder {
  root: string;
  setup: NonNullable<MapSetup['tiles']>;
}

const EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'];

/**
 * Reads what a tile folder holds: its zoom levels, the tiles' file type, and the provider's credit from
 * `attribution.txt` (the terms of every tile provider ask for it on the map). Throws, naming the folder and the
 * layout expected, when it holds no tiles.
 */
export function readTileFolder(root: string): TileFolder {
  const expected = `expected ${join(root, '<zoom>', '<x>', '<y>.png')} (the README says how to prepare them)`;
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--tiles ${root}: there is no such folder; ${expected}`);
  const zooms: number[] = [];
  let extension: string | null = null;
  for (const name of readdirSync(root)) {
    const zoom = Number(name);
    if (!/^\d{1,2}$/.test(name) || zoom > 22 || !statSync(join(root, name)).isDirectory()) continue;
    const tile = firstTile(join(root, name));
    if (tile === null) continue;
    zooms.push(zoom);
    extension ??= tile;
  }
  if (zooms.length === 0 || extension === null) throw new Error(`--tiles ${root}: no map tiles in it; ${expected}`);
  const credit = join(root, 'attribution.txt');
  const attribution = existsSync(credit) ? readFileSync(credit, 'utf8').trim() : '';
  return { root, setup: { url: `/tiles/{z}/{x}/{y}.${extension}`, minZoom: Math.min(...zooms), maxZoom: Math.max(...zooms), attribution } };
}

/** The file type of the first tile under a zoom folder, or null when it has none. */
function firstTile(zoomFolder: string): string | null {
  for (const x of readdirSync(zoomFolder)) {
    const column = join(zoomFolder, x);
    if (!/^\d+$/.test(x) || !statSync(column).isDirectory()) continue;
    for (const file of readdirSync(column)) {
      const match = /^\d+\.(\w+)$/.exec(file);
      if (match && EXTENSIONS.includes(match[1]!.toLowerCase())) return match[1]!;
    }
  }
  return null;
}

/** `--station-position LAT,LON[,ALT]` (degrees, metres), or what is wrong with it. */
export function parseStationPosition(text: string): GroundPosition | string {
  const [latitude, longitude, altitude, ...rest] = text.split(',').map((part) => Number(part.trim()));
  const bad = `--station-position must be LAT,LON in degrees (north and east positive), optionally ,ALT in m: not "${text}"`;
  if (rest.length > 0 || latitude === undefined || longitude === undefined || Number.isNaN(latitude) || Number.isNaN(longitude)) return bad;
  if (altitude !== undefined && Number.isNaN(altitude)) return bad;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return `${bad} (latitude within ±90, longitude within ±180)`;
  return { latitude, longitude };
}

/** The map options a station (live or replay) is started with. */
export interface MapOptions {
  /** Map tiles for the dashboard's map (`--tiles`); without them it draws a grid with range rings. */
  tiles?: TileFolder;
  /** Where the ground station stands (`--station-position`): on the map, and the distance is measured from it. */
  stationPosition?: GroundPosition;
}

/** The hello's map part. */
export function mapSetup(o: MapOptions): MapSetup {
  return { tiles: o.tiles?.setup ?? null, station: o.stationPosition ?? null };
}
