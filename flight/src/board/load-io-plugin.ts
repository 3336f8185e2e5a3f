import type { IoPlugin } from './io-plugin.ts';

/** How each known plugin module exports its class. */
const EXPORTS: Record<string, string> = {
  'raspi-io': 'RaspiIO',
  'linux-io': 'default',
  '@cansat/firmware-sim/remote-io': 'default',
};

/**
 * Loads a johnny-five IO plugin by module name and constructs it with `options`. The flight program depends on
 * none of them: raspi-io installs only on ARM, linux-io needs native modules built on the Pi, and the simulator is
 * for development. A missing module gets an error that says how to install it.
 */
export async function loadIoPlugin(name: string, options: Record<string, unknown>): Promise<IoPlugin> {
  let module: Record<string, unknown>;
  try {
    module = (await import(name)) as Record<string, unknown>;
  } catch (error) {
    const hint =
      name === 'raspi-io'
        ? 'raspi-io installs only on a Raspberry Pi (ARM): run npm install there'
        : name === 'linux-io'
          ? 'on a Pi 5: npm install linux-io, and allow its native modules to build (see the README)'
          : `npm install ${name}`;
    throw new Error(`cannot load the IO plugin "${name}" (${(error as Error).message}); ${hint}`);
  }
  const exported = module[EXPORTS[name] ?? 'default'] ?? module['default'];
  const IO = (typeof exported === 'function' ? exported : (exported as Record<string, unknown> | undefined)?.['default']) as
    | (new (options: Record<string, unknown>) => IoPlugin)
    | undefined;
  if (typeof IO !== 'function') throw new Error(`the module "${name}" exports no IO plugin class`);
  return new IO(options);
}
