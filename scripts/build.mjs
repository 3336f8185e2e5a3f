// npm run build: what runs without a TypeScript loader or a dev server:
//   web-dashboard/dist/                 the dashboard the ground station serves
//   flight/dist/cansat-flight.js        the flight program (systemd runs it on the CanSat: less memory, faster start)
//   firmware-sim/dist/remote-io.js      the simulator's IO plugin, for that program to fly on a simulator
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS modules call require(); give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

await build({
  ...common,
  entryPoints: ['flight/src/cli.ts'],
  outfile: 'flight/dist/cansat-flight.js',
  // Native modules and IO plugins stay outside the bundle: they are installed (or built) on the CanSat itself.
  external: ['johnny-five', 'serialport', 'raspi-io', 'linux-io', '@cansat/firmware-sim', '@cansat/firmware-sim/*'],
});
await build({ ...common, entryPoints: ['firmware-sim/src/remote/remote-io.ts'], outfile: 'firmware-sim/dist/remote-io.js' });
if (!process.argv.includes('--no-dashboard')) await viteBuild({ configFile: 'web-dashboard/vite.config.ts', logLevel: 'warn' });
console.log('built web-dashboard/dist, flight/dist/cansat-flight.js and firmware-sim/dist/remote-io.js');
