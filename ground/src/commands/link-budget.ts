import { RADIO_MODULES, marginAtRangeDb, rangeForMarginM, type LinkSetup } from '@cansat/protocol';
import { cliOptions } from '@cansat/protocol/node';

export const LINK_BUDGET_HELP = `usage: cansat-ground link-budget --radio ID [options]

The link's margin above the ground radio's sensitivity against the slant range, from the radio's datasheet:
free space, the station's antenna and cable, what stands in the way.

options
  --radio ID           ${RADIO_MODULES.map((r) => r.id).join(', ')}
  --rate KBPS          the air rate flown (default: the radio's fastest listed)
  --antenna DBI        the ground antenna's gain (default 2.1: a whip; a Yagi is 9-14)
  --cable DB           cable and connector loss at the station (default 0.5)
  --obstruction DB     what stands in the way: trees, people, the can's body (default 0)
  --height M           the station's antenna above the pad (default 1.5)
  --apogee M           the expected apogee above the pad (default 850)
  --landing M          the expected landing distance from the station (default 1000)
  --json               the figures as JSON
`;

/** Slant ranges the table lists, m. */
const RANGES = [100, 250, 500, 1000, 2000, 5000, 10_000];

/** `cansat-ground link-budget`: the margin table, and the margin at apogee and at the landing. */
export async function linkBudget(args: string[]): Promise<number> {
  const parsed = cliOptions({ args, options: {
    radio: { type: 'string' }, rate: { type: 'string' }, antenna: { type: 'string', default: '2.1' }, cable: { type: 'string', default: '0.5' },
    obstruction: { type: 'string', default: '0' }, height: { type: 'string', default: '1.5' }, apogee: { type: 'string', default: '850' },
    landing: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } }, LINK_BUDGET_HELP);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const radio = RADIO_MODULES.find((r) => r.id === v.radio);
  if (!radio) return fail(`--radio must be one of ${RADIO_MODULES.map((r) => r.id).join(', ')}, not "${v.radio ?? ''}"`);
  const numbers: Record<string, number> = {};
  for (const name of ['antenna', 'cable', 'obstruction', 'height', 'apogee', 'landing'] as const) {
    const value = Number(v[name]);
    if (!Number.isFinite(value)) return fail(`--${name} must be a number, not "${v[name]}"`);
    numbers[name] = value;
  }
  const rate = v.rate === undefined ? radio.rates[0]! : radio.rates.find((r) => r.kbps === Number(v.rate));
  if (!rate) return fail(`--rate for ${radio.id} must be one of ${radio.rates.map((r) => r.kbps).join(', ')} kbit/s, not "${v.rate}"`);
  const setup: LinkSetup = { radio, rate, groundAntennaDbi: numbers['antenna']!, cableLossDb: numbers['cable']!, obstructionDb: numbers['obstruction']! };
  // Overhead at apogee, and on the ground at the landing distance (the can's antenna a few cm up).
  const atApogee = Math.hypot(numbers['apogee']! - numbers['height']!, 50);
  const atLanding = Math.hypot(numbers['landing']!, numbers['height']!);
  const figures = {
    radio: radio.name,
    source: radio.source,
    rateKbps: rate.kbps,
    table: RANGES.map((rangeM) => ({ rangeM, marginDb: round(marginAtRangeDb(setup, rangeM)) })),
    apogee: { rangeM: round(atApogee), marginDb: round(marginAtRangeDb(setup, atApogee)) },
    landing: { rangeM: round(atLanding), marginDb: round(marginAtRangeDb(setup, atLanding)) },
    rangeAt10DbM: round(rangeForMarginM(setup, 10)),
    rangeAt0DbM: round(rangeForMarginM(setup, 0)),
  };
  if (v.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${radio.name}: ${radio.txPowerDbm} dBm at ${radio.frequencyMHz} MHz, ${rate.sensitivityDbm} dBm at ${rate.kbps} kbit/s (${radio.source})`,
    `station: ${numbers['antenna']} dBi antenna, ${numbers['cable']} dB cable, ${numbers['obstruction']} dB obstruction; free space`,
    '',
    'slant range   margin',
    ...figures.table.map((r) => `${`${r.rangeM} m`.padStart(11)}   ${`${r.marginDb.toFixed(1)} dB`.padStart(8)}${r.marginDb < 0 ? '  (packets lost)' : r.marginDb < 10 ? '  (thin: fading takes 10 dB)' : ''}`),
    '',
    `at apogee (${figures.apogee.rangeM} m up): ${figures.apogee.marginDb.toFixed(1)} dB`,
    `at the landing (${figures.landing.rangeM} m away, on the ground: expect far less behind grass and terrain): ${figures.landing.marginDb.toFixed(1)} dB`,
    `10 dB of margin to ${figures.rangeAt10DbM} m, none left at ${figures.rangeAt0DbM} m`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const round = (x: number) => Math.round(x * 10) / 10;

function fail(message: string): number {
  process.stderr.write(`cansat-ground link-budget: ${message}\n`);
  return 2;
}
