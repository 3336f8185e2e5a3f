#!/usr/bin/env node
// npm run sim:serve: from the bundle when it is current, else from the sources (and it says so).
import { runBundleOrSources } from '../../scripts/bundles.mjs';

await runBundleOrSources('firmware-sim/dist/cansat-sim-serve.js', 'cansat-sim-serve');
