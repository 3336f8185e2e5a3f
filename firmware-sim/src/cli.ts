/**
 * npm run sim -- [--scenario NAME|PATH] [--seed N] [--release PERCENT|none] [--json] [--list]: flies a scenario's
 * physics to landing on the virtual clock and prints a summary.
 */
import { cliOptions } from '@cansat/protocol/node';
import { listScenarios, loadScenario } from './scenario.ts';
import { flySummary, formatSummary, type ReleaseRule } from './summary.ts';

const HELP = `usage: npm run sim -- [options]

Flies a simulated CanSat mission (physics only, on a virtual clock) and prints a summary.

options
  --scenario NAME|PATH  a bundled scenario or a scenario .json file (default: nominal)
  --seed N              random seed (default: the scenario's)
  --release PERCENT     release at PERCENT of the peak on the way down, standing in for the
                        flight program's rule (default: 75); "none" never releases
  --json                print the summary as JSON
  --list                list the bundled scenarios
  -h, --help            this text
`;

async function main(argv: string[]): Promise<number> {
  const parsed = cliOptions({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'nominal' },
      seed: { type: 'string' },
      release: { type: 'string', default: '75' },
      json: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.list) {
    process.stdout.write(`${(await listScenarios()).join('\n')}\n`);
    return 0;
  }
  const release: ReleaseRule = values.release === 'none' ? { kind: 'none' } : { kind: 'fraction', fraction: Number(values.release) / 100 };
  if (release.kind === 'fraction' && !(release.fraction > 0 && release.fraction < 1)) {
    process.stderr.write(`--release must be a percentage between 0 and 100, or "none"; got "${values.release}"\n`);
    return 2;
  }
  let scenario;
  try {
    scenario = await loadScenario(values.scenario);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (values.seed !== undefined) {
    if (!/^-?\d+$/.test(values.seed)) {
      process.stderr.write(`--seed must be a whole number; got "${values.seed}"\n`);
      return 2;
    }
    scenario = { ...scenario, seed: Number(values.seed) };
  }
  const summary = flySummary(scenario, release);
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary, release)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
