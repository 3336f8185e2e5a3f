import { readFileSync } from 'node:fs';
import { isRadioMode, radioModeError } from '@cansat/protocol';
import { cliOptions } from '@cansat/protocol/node';
import { checkRadios, type RadioExpectation, type RadioSettings } from '../radio/radio-checklist.ts';
import { readRadioSettings } from '../radio/radio-settings.ts';

export const RADIO_CHECK_HELP = `usage: cansat-ground radio check --port PATH [options]

Reads the ground radio's settings (and the CanSat's, with --peer-port) and says, a line each, what does not match
the kit's checklist: PAN ID the team number, both radios on one channel and PAN, each sending to the other (not
to the whole field), the baud and API mode the programs use. Run it on the bench before launch day.

options
  --port PATH          the ground radio (cansat-ground ports lists them)
  --peer-port PATH     the CanSat's radio, on a USB adapter, to check the pair
  --team ID            team number: the PAN ID it should be
  --baud N             the ground station's baud (default 9600)
  --radio-mode M       the ground station's mode: transparent (default), api or api-escaped
  --config PATH        the flight program's config (flight.json): its team, radio baud and mode for the CanSat's radio
  --guard-time MS      silence around +++ (the modules' GT; default 1100)

exit codes: 0 the pair is right, 1 something to fix (listed), 2 wrong usage, 3 a radio did not answer
`;

/** `cansat-ground radio check`. */
export async function radioCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(RADIO_CHECK_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'check') return fail(`unknown radio command "${sub}": radio check`);
  const parsed = cliOptions({ args: rest, options: {
    port: { type: 'string' }, 'peer-port': { type: 'string' }, team: { type: 'string' }, baud: { type: 'string', default: '9600' },
    'radio-mode': { type: 'string', default: 'transparent' }, config: { type: 'string' }, 'guard-time': { type: 'string', default: '1100' }, help: { type: 'boolean', short: 'h' },
  } }, RADIO_CHECK_HELP);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (!v.port) return fail('radio check needs --port (cansat-ground ports lists them)');
  const mode = v['radio-mode'];
  if (!isRadioMode(mode)) return fail(radioModeError('--radio-mode', mode));
  let flight: { teamId?: number; radio?: { baudRate?: number; mode?: RadioExpectation['mode'] } } = {};
  if (v.config) {
    try {
      flight = JSON.parse(readFileSync(v.config, 'utf8')) as typeof flight;
    } catch (error) {
      return fail(`--config ${v.config}: ${(error as Error).message}`);
    }
  }
  const teamId = v.team !== undefined ? Number(v.team) : flight.teamId;
  if (teamId !== undefined && !Number.isInteger(teamId)) return fail(`--team must be a team number, not "${v.team}"`);
  const baud = Number(v.baud);
  const read = (path: string, baudRate: number) => readRadioSettings(path, { baudRate, guardTimeMs: Number(v['guard-time']), answerTimeoutMs: 800 }).catch((error: Error) => error);
  const ground = await read(v.port, baud);
  if (!ground || ground instanceof Error) return noAnswer('ground', v.port, baud, ground);
  let peer: RadioSettings | undefined;
  const peerBaud = flight.radio?.baudRate ?? 9600;
  if (v['peer-port']) {
    const answer = await read(v['peer-port'], peerBaud);
    if (!answer || answer instanceof Error) return noAnswer('CanSat', v['peer-port'], peerBaud, answer);
    peer = answer;
  }
  for (const [name, settings] of [['ground', ground], ['CanSat', peer]] as const) {
    if (settings) process.stdout.write(`${name} radio (${settings.via === 'api' ? 'API frames' : 'command mode'}): ${Object.entries(settings.values).map(([k, x]) => `${k} ${x}`).join(', ')}\n`);
  }
  const problems = checkRadios(ground, { ...(teamId !== undefined ? { teamId } : {}), baud, mode, ...(peer || v.config ? { peer: { ...(peer ? { settings: peer } : {}), baud: peerBaud, mode: flight.radio?.mode ?? 'transparent' } } : {}) });
  for (const p of problems) process.stdout.write(`${p.radio === 'both' ? 'both radios' : `${p.radio} radio`}: ${p.message}\n`);
  process.stdout.write(problems.length === 0 ? 'radio check: the pair is right\n' : `radio check: ${problems.length} thing${problems.length === 1 ? '' : 's'} to fix\n`);
  return problems.length === 0 ? 0 : 1;
}

function noAnswer(which: string, path: string, baud: number, error: Error | null): number {
  process.stderr.write(`cansat-ground radio check: the ${which} radio on ${path} ${error ? `could not be opened: ${error.message}` : `did not answer at ${baud} baud, in command mode or API mode: check the port, the baud (--baud), and the radio's power`}\n`);
  return 3;
}

function fail(message: string): number {
  process.stderr.write(`cansat-ground radio check: ${message}\n`);
  return 2;
}
