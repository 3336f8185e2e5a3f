import { RADIO_MODES, address64 } from '@cansat/protocol';

/** The AT settings that decide whether two XBees of a CanSat link hear each other, as a module reports them. */
export interface RadioSettings {
  /** AT name to its value, hex as the module prints it (CH, ID, MY, DH, DL, SH, SL, AP, BD, PL, CE, VR). */
  values: Partial<Record<RadioParameter, string>>;
  /** How the settings were read: command mode (+++), or API AT frames. */
  via: 'command-mode' | 'api';
}

export const RADIO_PARAMETERS = ['CH', 'ID', 'MY', 'DH', 'DL', 'SH', 'SL', 'AP', 'BD', 'PL', 'CE', 'VR'] as const;
export type RadioParameter = (typeof RADIO_PARAMETERS)[number];

/** BD codes to baud rates. */
export const BAUD_CODES: readonly number[] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
/** AP's values in order: AP=0 transparent, 1 API, 2 API with escapes. */
const AP_MODES = RADIO_MODES;

/** What the link should be, as the team's set-up says. */
export interface RadioExpectation {
  teamId?: number;
  baud: number;
  mode: (typeof AP_MODES)[number];
  /** The CanSat's radio, from its own settings or its config. */
  peer?: { settings?: RadioSettings; baud?: number; mode?: (typeof AP_MODES)[number] };
}

/** One thing that is not as the checklist wants it: which radio, what, and what to do. */
export interface RadioProblem {
  radio: 'ground' | 'cansat' | 'both';
  parameter: RadioParameter | 'pair';
  message: string;
}

const num = (s: RadioSettings | undefined, p: RadioParameter) => (s?.values[p] === undefined ? null : Number.parseInt(s.values[p]!, 16));
const address = (s: RadioSettings | undefined, high: RadioParameter, low: RadioParameter) => {
  const h = num(s, high);
  const l = num(s, low);
  return h === null || l === null ? null : (BigInt(h) << 32n) | BigInt(l);
};
/** As the modules print it: upper case. */
const hex64 = (a: bigint) => address64(a).toUpperCase();

/**
 * The kit's radio checklist: PAN ID the team number, both radios on one channel and PAN, each sending to the other
 * (not broadcasting to the field), the baud and API mode the programs are set to. Pure: settings in, problems out.
 */
export function checkRadios(ground: RadioSettings, expected: RadioExpectation): RadioProblem[] {
  const problems: RadioProblem[] = [];
  const peer = expected.peer?.settings;
  const sides: ['ground' | 'cansat', RadioSettings, { baud?: number; mode?: RadioExpectation['mode'] }][] = [['ground', ground, { baud: expected.baud, mode: expected.mode }]];
  if (peer) sides.push(['cansat', peer, { ...(expected.peer?.baud !== undefined ? { baud: expected.peer.baud } : {}), ...(expected.peer?.mode ? { mode: expected.peer.mode } : {}) }]);
  for (const [radio, settings, want] of sides) {
    const id = num(settings, 'ID');
    if (expected.teamId !== undefined && id !== null && id !== Number.parseInt(String(expected.teamId), 16)) {
      problems.push({ radio, parameter: 'ID', message: `PAN ID is ${settings.values.ID}, not the team number ${expected.teamId}: set ATID ${expected.teamId}` });
    }
    const bd = num(settings, 'BD');
    if (want.baud !== undefined && bd !== null && BAUD_CODES[bd] !== want.baud) {
      const code = BAUD_CODES.indexOf(want.baud);
      problems.push({ radio, parameter: 'BD', message: `baud is ${BAUD_CODES[bd] ?? `code ${bd}`}, the ${radio === 'ground' ? 'ground station' : 'flight program'} uses ${want.baud}: set ATBD ${code >= 0 ? code : '?'} (or change the program's baud)` });
    }
    const ap = num(settings, 'AP');
    if (want.mode && ap !== null && AP_MODES[ap] !== want.mode) {
      problems.push({ radio, parameter: 'AP', message: `API mode is AP=${ap} (${AP_MODES[ap] ?? 'unknown'}), the ${radio === 'ground' ? 'ground station' : 'flight program'} is set to ${want.mode}: set ATAP ${AP_MODES.indexOf(want.mode)}` });
    }
    const destination = address(settings, 'DH', 'DL');
    if (destination === 0xffffn) problems.push({ radio, parameter: 'DL', message: 'sends to every radio on the field (DH 0, DL FFFF: broadcast): set DH and DL to the other radio\'s SH and SL' });
  }
  if (peer) {
    const [gc, pc] = [num(ground, 'CH'), num(peer, 'CH')];
    if (gc !== null && pc !== null && gc !== pc) problems.push({ radio: 'both', parameter: 'CH', message: `channels differ: ground ${ground.values.CH}, CanSat ${peer.values.CH}: set both ATCH alike` });
    const [gi, pi] = [num(ground, 'ID'), num(peer, 'ID')];
    if (gi !== null && pi !== null && gi !== pi) problems.push({ radio: 'both', parameter: 'ID', message: `PAN IDs differ: ground ${ground.values.ID}, CanSat ${peer.values.ID}: they cannot hear each other` });
    for (const [from, to, name] of [[ground, peer, 'ground'], [peer, ground, 'cansat']] as const) {
      const destination = address(from, 'DH', 'DL');
      const other = address(to, 'SH', 'SL');
      if (destination !== null && other !== null && destination !== 0xffffn && destination !== other) {
        problems.push({ radio: name, parameter: 'DL', message: `sends to ${hex64(destination)}, not to the ${name === 'ground' ? 'CanSat' : 'ground'} radio ${hex64(other)}: set ATDH ${hex64(other).slice(0, 8)} and ATDL ${hex64(other).slice(8)}` });
      }
    }
  }
  return problems;
}
