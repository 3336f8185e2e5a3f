// npm run build: what runs without a TypeScript loader or a dev server:
//   web-dashboard/dist/                 the dashboard the stations serve
//   flight/dist/cansat-flight.js        the flight program (systemd runs it on the CanSat: less memory, faster start)
//   ground/dist/cansat-ground.js        the ground station
//   firmware-sim/dist/remote-io.js      the simulator's IO plugin, for the flight program to fly on a simulator
// `--no-dashboard` builds the three bundles only (a second or two: the tests do it before they run).
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { BUNDLES, ROOT, inputsFile } from './bundles.mjs';

process.chdir(ROOT);
await Promise.all(
  BUNDLES.map(async ({ entry, out, external }) => {
    const { metafile } = await build({
      entryPoints: [entry],
      outfile: out,
      external,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      metafile: true,
      // Bundled CommonJS modules call require(); give them one.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    // The kit's own files in the bundle: a bundle is current while none of them is newer than it.
    writeFileSync(inputsFile(out), `${JSON.stringify(Object.keys(metafile.inputs).filter((file) => !file.includes('node_modules')), null, 1)}\n`);
  }),
);
// Vite only for the dashboard: a CanSat installed without dev packages builds its bundles with --no-dashboard.
if (!process.argv.includes('--no-dashboard')) await (await import('vite')).build({ configFile: 'web-dashboard/vite.config.ts', logLevel: 'warn' });
console.log(`built ${[...(process.argv.includes('--no-dashboard') ? [] : ['web-dashboard/dist']), ...BUNDLES.map((b) => b.out)].join(', ')}`);
