#!/usr/bin/env node
// The network's hub: `cansat-ground hub`, under its own name.
import { runBundleOrSources } from '../../scripts/bundles.mjs';

process.argv.splice(2, 0, 'hub');
await runBundleOrSources('ground/dist/cansat-ground.js', 'cansat-hub');
