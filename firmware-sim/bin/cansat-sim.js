#!/usr/bin/env node
// npm run sim: from the bundle when it is current, else from the sources (and it says so).
import { runBundleOrSources } from '../../scripts/bundles.mjs';

await runBundleOrSources('firmware-sim/dist/cansat-sim.js', 'cansat-sim');
