import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Parses a command's options the kit's way: `-h`/`--help` prints the help and means exit 0; an unknown or
 * malformed option prints why and the help and means exit 2. Returns the parsed options, or the exit code.
 * Shared by every CLI in the kit (the flight program, the simulator, npm start).
 */
export function cliOptions<T extends ParseArgsConfig>(config: T, help: string): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if ((parsed.values as Record<string, unknown>)['help'] === true) {
    process.stdout.write(help);
    return 0;
  }
  return parsed;
}
