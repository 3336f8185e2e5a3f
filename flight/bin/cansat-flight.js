#!/usr/bin/env node
// What runs on the CanSat is the bundle that `npm run build` makes from the tested TypeScript, the file systemd
// runs: no TypeScript loader at run time. A bundle older than its sources is refused, never flown.
import { bundleStaleness } from '../../scripts/bundles.mjs';

const stale = bundleStaleness('flight/dist/cansat-flight.js');
if (stale) {
  process.stderr.write(`cansat-flight: ${stale}: run npm run build\n`);
  process.exit(1);
}
await import('../dist/cansat-flight.js');
