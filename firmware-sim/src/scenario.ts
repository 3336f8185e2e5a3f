import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { readFile, readdir } from 'node:fs/promises';
import { basename } from 'node:path';

const Seconds = (description: string, value: number) => Type.Number({ default: value, minimum: 0, description: `${description}, s` });

const Fault = Type.Object(
  {
    device: Type.Union([Type.Literal('barometer'), Type.Literal('imu'), Type.Literal('power'), Type.Literal('gps')]),
    kind: Type.Union([
      Type.Literal('spike'), // readings offset by `magnitude` (Pa for the barometer, m/s² for the IMU)
      Type.Literal('dropout'), // the chip NACKs: no reply at all
      Type.Literal('stop'), // the chip stops answering for good
      Type.Literal('stale'), // the chip keeps returning its last reading
      Type.Literal('bitflip'), // each read has one bit flipped with `probability`
    ]),
    at: Type.Number({ description: 'Start, s after ignition (negative: on the pad)' }),
    duration: Type.Number({ default: 1e9, minimum: 0, description: 'Length, s; default: to the end of the flight' }),
    magnitude: Type.Number({ default: 0 }),
    probability: Type.Number({ default: 0, minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type Fault = Static<typeof Fault>;

/** A ground station on the field: where it is, its antenna, and when it hears nothing of its own accord. */
export const GroundSite = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    north: Type.Number({ description: 'm north of the launch pad' }),
    east: Type.Number({ description: 'm east of the launch pad' }),
    height: Type.Number({ default: 2, minimum: 0, description: 'Antenna height above the ground, m' }),
    antennaGainDbi: Type.Number({ default: 2.1, description: 'A whip 2.1, a hand-held Yagi about 9' }),
    obstructionDb: Type.Number({ default: 0, minimum: 0, description: 'Trees, buildings, people between it and the sky, dB' }),
    blackouts: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number() }), { default: [], description: 'Its own deaf times (a laptop asleep, a cable knocked), s after ignition' }),
  },
  { additionalProperties: false },
);
export type GroundSite = Static<typeof GroundSite>;

/** A simulated flight: the world, the vehicle, and what goes wrong. Every property has a default (nominal AAS flight). */
export const Scenario = Type.Object(
  {
    name: Type.String({ default: 'custom' }),
    description: Type.String({ default: '' }),
    seed: Type.Integer({ default: 1 }),
    utcStart: Type.String({ default: '2026-06-13T14:00:00Z', description: 'UTC time at simulation start (power-on)' }),
    padWait: Seconds('Power-on to ignition', 60),
    launchSite: Type.Object(
      {
        latitude: Type.Number({ default: 37.1677, minimum: -90, maximum: 90 }),
        longitude: Type.Number({ default: -80.579, minimum: -180, maximum: 180 }),
        elevation: Type.Number({ default: 810, description: 'Ground height above mean sea level, m' }),
      },
      { default: {}, additionalProperties: false },
    ),
    weather: Type.Object(
      {
        seaLevelPressure: Type.Number({ default: 101_325, minimum: 80_000, maximum: 110_000 }),
        temperatureOffset: Type.Number({ default: 0, description: 'K added to the ISA temperature' }),
      },
      { default: {}, additionalProperties: false },
    ),
    wind: Type.Object(
      {
        speed: Type.Number({ default: 4, minimum: 0, description: 'Wind at 10 m above ground, m/s' }),
        direction: Type.Number({ default: 270, minimum: 0, maximum: 360, description: 'Where the wind comes from, degrees' }),
        gust: Type.Number({ default: 1, minimum: 0, description: 'Standard deviation of gusts, m/s' }),
      },
      { default: {}, additionalProperties: false },
    ),
    targetApogee: Type.Number({ default: 850, minimum: 50, maximum: 3000, description: 'Apogee above ground the motor is scaled to reach, m' }),
    rocket: Type.Object(
      {
        mass: Type.Number({ default: 3.5, exclusiveMinimum: 0, description: 'Rocket with the CanSat inside, kg' }),
        cd: Type.Number({ default: 0.45, exclusiveMinimum: 0 }),
        diameter: Type.Number({ default: 0.14, exclusiveMinimum: 0, description: 'm' }),
        thrust: Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]), {
          default: [
            [0, 0],
            [0.05, 320],
            [0.25, 290],
            [1.2, 250],
            [1.7, 180],
            [1.9, 40],
            [2.0, 0],
          ],
          minItems: 2,
          description: 'Thrust curve [s after ignition, N]; scaled to reach targetApogee',
        }),
      },
      { default: {}, additionalProperties: false },
    ),
    cansat: Type.Object(
      {
        mass: Type.Number({ default: 0.9, exclusiveMinimum: 0, description: 'kg' }),
        diameter: Type.Number({ default: 0.125, exclusiveMinimum: 0, description: 'm' }),
        cd: Type.Number({ default: 0.8, exclusiveMinimum: 0, description: 'Body drag coefficient (ballistic fall)' }),
        descentRate: Type.Number({ default: 15, exclusiveMinimum: 0, description: 'Under the parachute at the launch site, m/s' }),
        parachute: Type.Union([Type.Literal('opens'), Type.Literal('fails')], { default: 'opens' }),
        releasedMass: Type.Number({ default: 0.5, exclusiveMinimum: 0, description: 'The part left after release, kg' }),
        releasedDescentRate: Type.Number({ default: 5, exclusiveMinimum: 0, description: 'After release, m/s' }),
        canopySpin: Type.Number({ default: 25, description: 'Yaw rate under the parachute, °/s' }),
        releasedSpin: Type.Number({ default: 360, description: 'Yaw rate after release (auto-gyro), °/s' }),
      },
      { default: {}, additionalProperties: false },
    ),
    battery: Type.Object(
      {
        fullVoltage: Type.Number({ default: 8.2 }),
        emptyVoltage: Type.Number({ default: 6.6 }),
        capacity: Type.Number({ default: 2, exclusiveMinimum: 0, description: 'Ah' }),
        internalResistance: Type.Number({ default: 0.15, minimum: 0, description: 'Ω' }),
        baseCurrent: Type.Number({ default: 0.18, minimum: 0, description: 'Pi, sensors and radio, A' }),
      },
      { default: {}, additionalProperties: false },
    ),
    devices: Type.Object(
      {
        barometer: Type.Union([Type.Literal('BMP280'), Type.Literal('BME280')], { default: 'BMP280' }),
        barometerAddress: Type.Integer({ default: 0x77 }),
        imuAddress: Type.Integer({ default: 0x68 }),
        powerAddress: Type.Integer({ default: 0x40 }),
        shuntResistance: Type.Number({ default: 0.1, exclusiveMinimum: 0, description: 'INA219 shunt, Ω' }),
        gpsTalker: Type.Union([Type.Literal('GP'), Type.Literal('GN')], { default: 'GN' }),
        gpsRate: Type.Number({ default: 1, minimum: 0.1, maximum: 10, description: 'Hz' }),
        gpsFixDelay: Seconds('Power-on to first fix', 5),
        gpsSatellites: Type.Integer({ default: 9, minimum: 0, maximum: 30 }),
        releasePin: Type.Integer({ default: 12, description: 'Servo pin of the release mechanism' }),
        releaseAngle: Type.Number({ default: 90, description: 'Servo angle at or beyond which the release opens, degrees' }),
        parachutePin: Type.Integer({ default: 13, description: 'Digital pin that fires the parachute (HIGH)' }),
        buzzerPin: Type.Integer({ default: 18, description: 'Digital pin of the audio beacon (HIGH = on)' }),
      },
      { default: {}, additionalProperties: false },
    ),
    faults: Type.Array(Fault, { default: [] }),
    resets: Type.Array(Type.Number({ description: 's after ignition' }), { default: [], description: 'Processor resets the harness performs' }),
    radio: Type.Object(
      {
        baud: Type.Integer({ default: 9600, minimum: 300 }),
        latencyMs: Type.Number({ default: 15, minimum: 0 }),
        byteLoss: Type.Number({ default: 0, minimum: 0, maximum: 1 }),
        packetLoss: Type.Number({ default: 0, minimum: 0, maximum: 1 }),
        bitErrorRate: Type.Number({ default: 0, minimum: 0, maximum: 0.5 }),
        blackouts: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number() }), { default: [], description: 's after ignition' }),
        // The link budget, for stations placed on the field (`stations`): XBee 3 figures by default.
        frequencyMHz: Type.Number({ default: 2400, minimum: 100 }),
        txPowerDbm: Type.Number({ default: 8, description: "The CanSat's transmit power, dBm" }),
        sensitivityDbm: Type.Number({ default: -103, description: "The ground radio's sensitivity, dBm" }),
        fadingDb: Type.Number({ default: 6, minimum: 0.1, description: 'Spread of the signal around its mean (a tumbling can, multipath), dB' }),
      },
      { default: {}, additionalProperties: false },
    ),
    stations: Type.Array(GroundSite, {
      default: [],
      description: 'Ground stations on the field, each hearing the CanSat through its own link; the first is the team\'s (it commands)',
    }),
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof Scenario>;

/** A scenario from partial settings: defaults filled in, then checked; a TypeError names the first bad property. */
export function resolveScenario(input: unknown): Scenario {
  const value = Value.Default(Scenario, structuredClone(input ?? {}));
  const error = Value.Errors(Scenario, value).First();
  if (error !== undefined) throw new TypeError(`scenario: ${error.path || '/'} ${error.message}`);
  const scenario = value as Scenario;
  if (Number.isNaN(Date.parse(scenario.utcStart))) throw new TypeError(`scenario: /utcStart "${scenario.utcStart}" is not a date`);
  return scenario;
}

/** The folder of the bundled scenario files. */
export const SCENARIO_DIR = new URL('../scenarios/', import.meta.url);

/** Names of the bundled scenarios. */
export async function listScenarios(): Promise<string[]> {
  return (await readdir(SCENARIO_DIR)).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();
}

/** A bundled scenario by name, or a scenario file by path. */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  const isPath = nameOrPath.includes('/') || nameOrPath.endsWith('.json');
  const url = isPath ? nameOrPath : new URL(`${nameOrPath}.json`, SCENARIO_DIR);
  let text: string;
  try {
    text = await readFile(url, 'utf8');
  } catch {
    throw new Error(`no scenario "${nameOrPath}"; bundled: ${(await listScenarios()).join(', ')}`);
  }
  return resolveScenario({ name: basename(String(nameOrPath), '.json'), ...JSON.parse(text) });
}
