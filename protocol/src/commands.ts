import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEVICES, type MissionState } from './mission.ts';

/** Highest SIMP pressure accepted: twice sea level, far above any judges' profile. */
export const MAX_SIMP_PASCALS = 200_000;

const OnOff = Type.Boolean({ description: 'true for ON, false for OFF' });

/** Every command the ground can send, as one closed union (the AAS set plus the kit's telemetry rate). */
export const Command = Type.Union(
  [
    Type.Object({ name: Type.Literal('CX'), on: OnOff }, { description: 'Telemetry on/off' }),
    Type.Object(
      {
        name: Type.Literal('ST'),
        time: Type.Union([Type.Integer({ minimum: 0, maximum: 86_399, unit: 's' }), Type.Literal('GPS')], {
          description: 'UTC seconds of the day, or GPS to take the time from the GPS fix',
        }),
      },
      { description: 'Set mission time' },
    ),
    Type.Object(
      { name: Type.Literal('SIM'), action: Type.Union([Type.Literal('ENABLE'), Type.Literal('ACTIVATE'), Type.Literal('DISABLE')]) },
      { description: 'Simulation mode: ENABLE then ACTIVATE to fly on SIMP pressure; DISABLE to return to the barometer' },
    ),
    Type.Object(
      { name: Type.Literal('SIMP'), pascals: Type.Integer({ minimum: 0, maximum: MAX_SIMP_PASCALS, unit: 'Pa' }) },
      { description: 'Simulated pressure, used only in activated simulation mode' },
    ),
    Type.Object({ name: Type.Literal('CAL') }, { description: 'Take the present pressure as the 0 m altitude reference' }),
    Type.Object(
      { name: Type.Literal('MEC'), device: Type.Union(DEVICES.map((d) => Type.Literal(d))), on: OnOff },
      { description: 'Drive an actuator' },
    ),
    Type.Object({ name: Type.Literal('BCN'), on: OnOff }, { description: 'Audio beacon on/off' }),
    Type.Object(
      { name: Type.Literal('RATE'), hz: Type.Integer({ minimum: 1, maximum: 10, unit: 'Hz' }) },
      { description: 'Telemetry rate (kit command, not in the AAS guide)' },
    ),
  ],
  { title: 'Command' },
);
export type Command = Static<typeof Command>;
export type CommandName = Command['name'];

/** Command names in their binary code order (code = index). */
export const COMMAND_NAMES = ['CX', 'ST', 'SIM', 'SIMP', 'CAL', 'MEC', 'BCN', 'RATE'] as const satisfies readonly CommandName[];

const SIM_ACTIONS = ['ENABLE', 'ACTIVATE', 'DISABLE'] as const;

/**
 * What telemetry echoes of the last accepted command: the AAS CMD_ECHO text without its numeric argument
 * (CXON, SIMACTIVATE, MECRELEASEON, SIMP, ST …), so it fits one byte.
 */
export const COMMAND_ECHOES = [
  'CXON',
  'CXOFF',
  'ST',
  'STGPS',
  ...SIM_ACTIONS.map((a) => `SIM${a}` as const),
  'SIMP',
  'CAL',
  ...DEVICES.flatMap((d) => [`MEC${d}ON`, `MEC${d}OFF`] as const),
  'BCNON',
  'BCNOFF',
  'RATE',
] as const;
export type CommandEcho = (typeof COMMAND_ECHOES)[number];

const onOff = (on: boolean) => (on ? 'ON' : 'OFF');

/** The echo telemetry carries once `command` is accepted. */
export function commandEcho(command: Command): CommandEcho {
  switch (command.name) {
    case 'CX':
      return `CX${onOff(command.on)}`;
    case 'ST':
      return command.time === 'GPS' ? 'STGPS' : 'ST';
    case 'SIM':
      return `SIM${command.action}`;
    case 'MEC':
      return `MEC${command.device}${onOff(command.on)}`;
    case 'BCN':
      return `BCN${onOff(command.on)}`;
    case 'SIMP':
    case 'CAL':
    case 'RATE':
      return command.name;
  }
}

/** The (arg, value) pair a command takes in a binary command frame; see PROTOCOL.md. */
export function commandArguments(command: Command): { arg: number; value: number } {
  switch (command.name) {
    case 'CX':
    case 'BCN':
      return { arg: command.on ? 1 : 0, value: 0 };
    case 'ST':
      return command.time === 'GPS' ? { arg: 1, value: 0 } : { arg: 0, value: command.time };
    case 'SIM':
      return { arg: SIM_ACTIONS.indexOf(command.action), value: 0 };
    case 'SIMP':
      return { arg: 0, value: command.pascals };
    case 'CAL':
      return { arg: 0, value: 0 };
    case 'MEC':
      return { arg: DEVICES.indexOf(command.device), value: command.on ? 1 : 0 };
    case 'RATE':
      return { arg: 0, value: command.hz };
  }
}

/** Rebuilds a command from a binary frame's name, arg and value; null when they make no valid command. */
export function commandFromArguments(name: CommandName, arg: number, value: number): Command | null {
  const command = buildCommand(name, arg, value);
  return command !== null && Value.Check(Command, command) ? command : null;
}

function buildCommand(name: CommandName, arg: number, value: number): Command | null {
  const flag = arg === 0 ? false : arg === 1 ? true : null;
  switch (name) {
    case 'CX':
    case 'BCN':
      return flag === null || value !== 0 ? null : { name, on: flag };
    case 'ST':
      return arg === 1 ? (value === 0 ? { name, time: 'GPS' } : null) : arg === 0 ? { name, time: value } : null;
    case 'SIM': {
      const action = SIM_ACTIONS[arg];
      return action === undefined || value !== 0 ? null : { name, action };
    }
    case 'SIMP':
      return arg === 0 ? { name, pascals: value } : null;
    case 'CAL':
      return arg === 0 && value === 0 ? { name } : null;
    case 'MEC': {
      const device = DEVICES[arg];
      return device === undefined || (value !== 0 && value !== 1) ? null : { name, device, on: value === 1 };
    }
    case 'RATE':
      return arg === 0 ? { name, hz: value } : null;
  }
}

/**
 * Whether a command needs an operator's confirmation before it goes up: it moves hardware (MEC), hands the mission
 * to simulated pressures (SIM ACTIVATE), or moves the altitude reference after launch (CAL). `missionState` is the
 * CanSat's latest, or null before any telemetry.
 */
export function isHazardous(command: Command, missionState: MissionState | null): boolean {
  return command.name === 'MEC' || (command.name === 'SIM' && command.action === 'ACTIVATE') || (command.name === 'CAL' && missionState !== null && missionState !== 'LAUNCH_PAD');
}
