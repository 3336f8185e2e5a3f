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
    external: ['serialport', 'ws'],
  },
  {
    // The simulator's IO plugin, for the flight bundle to fly on a simulator (--sim).
    entry: 'firmware-sim/src/remote/remote-io.ts',
    out: 'firmware-sim/dist/remote-io.js',
    external: [],
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
