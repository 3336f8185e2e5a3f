/**
 * The radio link's budget: what a CanSat's transmitter and a ground station's receiver leave of margin over a slant
 * range, from the modules' datasheets. Free space (Friis) with the losses a crew can name: cable, obstruction.
 */

/** One radio's figures at one data rate, as its datasheet lists them. */
export interface RadioRate {
  /** kbit/s over the air. */
  kbps: number;
  /** dBm: the weakest signal received at the datasheet's error rate. */
  sensitivityDbm: number;
}

export interface RadioModule {
  id: string;
  name: string;
  frequencyMHz: number;
  /** dBm at the highest power level. */
  txPowerDbm: number;
  /** The rates the datasheet gives a sensitivity for, fastest first (the first is the default). */
  rates: readonly RadioRate[];
  /** The document the figures come from. */
  source: string;
}

/** The radios CanSat teams fly, from their makers' datasheets (a module's own datasheet revision wins over this table). */
export const RADIO_MODULES: readonly RadioModule[] = [
  { id: 'xbee-s1', name: 'XBee S1 (802.15.4)', frequencyMHz: 2440, txPowerDbm: 0, rates: [{ kbps: 250, sensitivityDbm: -92 }], source: 'Digi, XBee/XBee-PRO RF Modules product manual (802.15.4, 90000982), specifications table' },
  { id: 'xbee-pro-s1', name: 'XBee-PRO S1 (802.15.4)', frequencyMHz: 2440, txPowerDbm: 18, rates: [{ kbps: 250, sensitivityDbm: -100 }], source: 'Digi, XBee/XBee-PRO RF Modules product manual (802.15.4, 90000982), specifications table (10 dBm for the international variant)' },
  { id: 'xbee-s2c', name: 'XBee S2C (ZigBee / 802.15.4)', frequencyMHz: 2440, txPowerDbm: 8, rates: [{ kbps: 250, sensitivityDbm: -102 }], source: 'Digi, XBee S2C datasheet: +8 dBm and -102 dBm in boost mode (+5 dBm, -100 dBm normal)' },
  { id: 'xbee3', name: 'XBee 3 (2.4 GHz)', frequencyMHz: 2440, txPowerDbm: 8, rates: [{ kbps: 250, sensitivityDbm: -103 }], source: 'Digi, XBee 3 RF module datasheet (+19 dBm for the XBee 3 PRO)' },
  { id: 'xbee-pro-900hp', name: 'XBee-PRO 900HP', frequencyMHz: 915, txPowerDbm: 24, rates: [{ kbps: 200, sensitivityDbm: -101 }, { kbps: 10, sensitivityDbm: -110 }], source: 'Digi, XBee-PRO 900HP datasheet: -101 dBm at 200 kbit/s, -110 dBm at 10 kbit/s' },
  { id: 'xbee-sx', name: 'XBee-PRO SX (900 MHz)', frequencyMHz: 915, txPowerDbm: 30, rates: [{ kbps: 110, sensitivityDbm: -106 }, { kbps: 10, sensitivityDbm: -113 }], source: 'Digi, XBee SX / XBee-PRO SX datasheet: up to 1 W; -106 dBm at 110 kbit/s, -113 dBm at 10 kbit/s' },
  { id: 'e32-433t20d', name: 'Ebyte E32-433T20D (LoRa, 433 MHz)', frequencyMHz: 433, txPowerDbm: 20, rates: [{ kbps: 2.4, sensitivityDbm: -124 }, { kbps: 0.3, sensitivityDbm: -130 }], source: 'Ebyte, E32-433T20D user manual: 20 dBm; -130 dBm at 0.3 kbit/s air rate (-124 dBm at the default 2.4 kbit/s)' },
];

/** Free-space path loss, dB, over `metres` at `frequencyMHz` (Friis: 20 log10 d + 20 log10 f - 27.55). */
export function freeSpaceLossDb(frequencyMHz: number, metres: number): number {
  return 20 * Math.log10(Math.max(1, metres)) + 20 * Math.log10(frequencyMHz) - 27.55;
}

/** A link as a crew sets it up. */
export interface LinkSetup {
  radio: RadioModule;
  /** The rate flown; default the radio's first. */
  rate?: RadioRate;
  /** dBi of the ground antenna (a whip 2.1, a Yagi 9-14). */
  groundAntennaDbi: number;
  /** dB lost in the ground antenna's cable and connectors. */
  cableLossDb: number;
  /** dBi of the CanSat's antenna (0: a wire in a can, pointing anywhere). */
  cansatAntennaDbi?: number;
  /** dB for what stands between (trees, people, the can's own body). */
  obstructionDb?: number;
}

/** dB above the ground radio's sensitivity at `rangeM` of slant range: below zero, packets are lost. */
export function marginAtRangeDb(setup: LinkSetup, rangeM: number): number {
  const rate = setup.rate ?? setup.radio.rates[0]!;
  const received = setup.radio.txPowerDbm + (setup.cansatAntennaDbi ?? 0) + setup.groundAntennaDbi - setup.cableLossDb - (setup.obstructionDb ?? 0) - freeSpaceLossDb(setup.radio.frequencyMHz, rangeM);
  return received - rate.sensitivityDbm;
}

/** dBm the ground radio should see at `rangeM`: what a measured RSSI is held against. */
export function expectedRssiDbm(setup: LinkSetup, rangeM: number): number {
  const rate = setup.rate ?? setup.radio.rates[0]!;
  return marginAtRangeDb(setup, rangeM) + rate.sensitivityDbm;
}

/** m of slant range at which the margin falls to `marginDb` (free space: 6 dB less a doubling of the range). */
export function rangeForMarginM(setup: LinkSetup, marginDb: number): number {
  return 10 ** ((marginAtRangeDb(setup, 1) - marginDb) / 20);
}
