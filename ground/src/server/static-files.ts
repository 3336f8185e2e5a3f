import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Serves the built dashboard from `root`, and map tiles under `/tiles/` from `tilesRoot`; only files under them,
 * never a path that climbs out.
 */
export function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, tilesRoot?: string): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const pathname = decodeURIComponent(url.pathname);
  if (tilesRoot && pathname.startsWith('/tiles/')) {
    // A tile the crew did not prepare is an ordinary 404: the map leaves that square blank.
    serveFile(tilesRoot, pathname.slice('/tiles/'.length), response, () => response.writeHead(404).end('no such tile'));
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  serveFile(root, relative, response, () => {
    if (!existsSync(join(root, 'index.html'))) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The dashboard is not built: run "npm run build" in the kit, then reload.\n');
      return;
    }
    response.writeHead(404).end('not found');
  });
}

/** One file under `root`, or `missing()`; a path that climbs out of `root` is refused. */
function serveFile(root: string, relative: string, response: ServerResponse, missing: () => void): void {
  const base = resolve(root);
  const path = resolve(base, relative);
  if (!path.startsWith(base + sep)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    missing();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(path).pipe(response);
}
