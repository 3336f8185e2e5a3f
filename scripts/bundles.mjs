// The programs that run without a TypeScript loader, bundled by esbuild from the tested sources (npm run build),
// and whether a bundle is older than the sources it was made from. Plain JavaScript: the bins use it before any
// TypeScript can load.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** Each bundle: its entry, its file, and what stays outside it. */
export const BUNDLES = [
  {
    // What systemd runs on the CanSat. Native modules and IO plugins are installed (or built) on the CanSat itself.
    entry: 'flight/src/cli.ts',
    out: 'flight/dist/cansat-flight.js',
    external: ['johnny-five', 'serialport', 'raspi-io', 'linux-io', '@cansat/firmware-sim', '@cansat/firmware-sim/*'],
  },
  {
    // The ground station: starts in a tenth of the time, and in less memory, than under a TypeScript loader.
    entry: 'ground/src/cli.ts',
    out: 'ground/dist/cansat-ground.js',
    external: ['serialport', 'ws', 'playwright-core'],
  },
  {
    // The simulator's IO plugin, for the flight bundle to fly on a simulator (--sim).
    entry: 'firmware-sim/src/remote/remote-io.ts',
    out: 'firmware-sim/dist/remote-io.js',
    external: [],
  },
  {
    // npm run sim: a scenario's physics and its summary.
    entry: 'firmware-sim/src/cli.ts',
    out: 'firmware-sim/dist/cansat-sim.js',
    external: [],
  },
  {
    // npm run sim:serve: a scenario live, for the flight program and the ground station (npm start runs it).
    entry: 'firmware-sim/src/serve.ts',
    out: 'firmware-sim/dist/cansat-sim-serve.js',
    external: ['serialport'],
  },
];

/** Where the build lists the kit's files that went into the bundle `out`. */
export const inputsFile = (out) => `${out}.inputs.json`;

/** Why the bundle `out` must be built again (never built, or one of its files changed since), or null when current. */
export function bundleStaleness(out) {
  const file = join(ROOT, out);
  const inputs = join(ROOT, inputsFile(out));
  if (!existsSync(file) || !existsSync(inputs)) return `${out} is not built`;
  const builtAt = statSync(file).mtimeMs;
  const changed = JSON.parse(readFileSync(inputs, 'utf8')).find((input) => !existsSync(join(ROOT, input)) || statSync(join(ROOT, input)).mtimeMs > builtAt);
  return changed ? `${out} is older than ${changed}` : null;
}

/**
 * Runs the bundle `out` when it is current, else its TypeScript `entry` through tsx, saying why on stderr: a
 * program a crew or a developer starts by hand always runs today's code, and fast when it can.
 */
export async function runBundleOrSources(out, name) {
  const bundle = BUNDLES.find((b) => b.out === out);
  const stale = bundleStaleness(out);
  if (stale === null) return import(join(ROOT, out));
  process.stderr.write(`${name}: ${stale}; running the sources (npm run build makes it start faster)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  return import(join(ROOT, bundle.entry));
}
