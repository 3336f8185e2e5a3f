import { Value } from '@sinclair/typebox/value';
import { Command } from '../commands.ts';
import { DEVICES } from '../mission.ts';
import { formatHms, parseHms } from '../time-of-day.ts';
import { MAX_AAS_LINE, type AasLineResult } from './telemetry-line.ts';

/** A command line as the AAS guide writes it: `CMD,<TEAM_ID>,CX,ON`, ended by a carriage return. */
export function formatCommandLine(teamId: number, command: Command): string {
  return `CMD,${teamId},${commandWords(command).join(',')}\r`;
}

function commandWords(command: Command): string[] {
  const onOff = (on: boolean) => (on ? 'ON' : 'OFF');
  switch (command.name) {
    case 'CX':
    case 'BCN':
      return [command.name, onOff(command.on)];
    case 'ST':
      return ['ST', command.time === 'GPS' ? 'GPS' : formatHms(command.time)];
    case 'SIM':
      return ['SIM', command.action];
    case 'SIMP':
      return ['SIMP', String(command.pascals)];
    case 'CAL':
      return ['CAL'];
    case 'MEC':
      return ['MEC', command.device, onOff(command.on)];
    case 'RATE':
      return ['RATE', String(command.hz)];
  }
}

/** A parsed command line. */
export interface AasCommandLine {
  teamId: number;
  command: Command;
}

/** Options of parseCommandLine. */
export interface AasCommandParseOptions {
  /** Accept only commands for this team; default: any. */
  teamId?: number;
}

/** Parses `CMD,<TEAM_ID>,<COMMAND>[,<ARG>…]` (case and spaces tolerated). Never throws. */
export function parseCommandLine(line: string, options: AasCommandParseOptions = {}): AasLineResult<AasCommandLine> {
  const text = line.replace(/[\r\n]+$/, '');
  if (text.length > MAX_AAS_LINE) return { ok: false, reason: 'bad-length', detail: `${text.length} characters` };
  const words = text.split(',').map((w) => w.trim().toUpperCase());
  if (words.length < 3 || words[0] !== 'CMD') return { ok: false, reason: 'bad-field-count', detail: 'expected CMD,<TEAM_ID>,<COMMAND>' };
  if (!/^\d{1,5}$/.test(words[1]!)) return { ok: false, reason: 'bad-value', detail: `team id "${words[1]}"` };
  const teamId = Number(words[1]);
  if (options.teamId !== undefined && teamId !== options.teamId) return { ok: false, reason: 'wrong-team', detail: `team ${teamId}` };
  const [name, ...args] = words.slice(2) as [string, ...string[]];
  const command = commandOf(name, args);
  if (command === null) return { ok: false, reason: 'bad-value', detail: `"${words.slice(2).join(',')}" is not a command` };
  if (!Value.Check(Command, command)) return { ok: false, reason: 'out-of-range', detail: `${name} argument out of range` };
  return { ok: true, value: { teamId, command } };
}

function commandOf(name: string, args: string[]): Command | null {
  const [a, b] = args;
  const flag = (word: string | undefined) => (word === 'ON' ? true : word === 'OFF' ? false : null);
  const integer = (word: string | undefined) => (word !== undefined && /^\d+$/.test(word) ? Number(word) : null);
  const count = args.length;
  switch (name) {
    case 'CX':
    case 'BCN': {
      const on = flag(a);
      return count === 1 && on !== null ? { name, on } : null;
    }
    case 'ST': {
      if (count !== 1) return null;
      if (a === 'GPS') return { name, time: 'GPS' };
      const seconds = parseHms(a ?? '');
      return seconds === null ? null : { name, time: Math.floor(seconds) };
    }
    case 'SIM':
      return count === 1 && (a === 'ENABLE' || a === 'ACTIVATE' || a === 'DISABLE') ? { name, action: a } : null;
    case 'SIMP': {
      const pascals = integer(a);
      return count === 1 && pascals !== null ? { name, pascals } : null;
    }
    case 'CAL':
      return count === 0 ? { name } : null;
    case 'MEC': {
      const device = DEVICES.find((d) => d === a);
      const on = flag(b);
      return count === 2 && device !== undefined && on !== null ? { name, device, on } : null;
    }
    case 'RATE': {
      const hz = integer(a);
      return count === 1 && hz !== null ? { name, hz } : null;
    }
    default:
      return null;
  }
}
