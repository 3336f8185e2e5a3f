import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { readFile } from 'node:fs/promises';

const I2cAddress = (value: number) => Type.Integer({ default: value, minimum: 0x03, maximum: 0x77, description: '7-bit I2C address' });
const Pin = (value: number, description: string) => Type.Integer({ default: value, minimum: 0, maximum: 63, description: `${description} (BCM GPIO number)` });

const ReleaseRule = Type.Union([
  Type.Object({ kind: Type.Literal('fraction'), percent: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 }) }, { description: 'At this percentage of the peak altitude, descending' }),
  Type.Object({ kind: Type.Literal('altitude'), meters: Type.Number({ exclusiveMinimum: 0 }) }, { description: 'At this altitude above the CAL reference, descending' }),
]);

/** Everything the flight program needs to know about its CanSat, from a JSON file; every property has a default. */
export const FlightConfig = Type.Object(
  {
    teamId: Type.Integer({ minimum: 0, maximum: 65_535, description: 'Team number, as on the competition list' }),
    keyFile: Type.String({ default: '/etc/cansat/command.key', description: 'File with the 64-hex-digit command key' }),
    stateDir: Type.String({ default: '/var/lib/cansat', description: 'Persisted mission state and the black box' }),
    wireFormat: Type.Union([Type.Literal('binary'), Type.Literal('aas-2024'), Type.Literal('aas-2025'), Type.Literal('aas-2026'), Type.String({ pattern: '\\.json$', description: "A team's layout file (a TeamLayout), for a guide revision the kit does not have" })], { default: 'binary' }),
    telemetryHz: Type.Integer({ default: 1, minimum: 1, maximum: 10, description: 'Telemetry rate after CX ON (AAS rule: 1 Hz)' }),
    sensorHz: Type.Integer({ default: 10, minimum: 5, maximum: 50, description: 'How often the mission reads its sensors' }),
    radio: Type.Object(
      {
        path: Type.String({ default: '/dev/serial0', description: "The XBee's UART" }),
        baudRate: Type.Integer({ default: 9600 }),
        mode: Type.Union([Type.Literal('transparent'), Type.Literal('api'), Type.Literal('api-escaped')], { default: 'transparent', description: "The XBee's AP setting: transparent (AP=0), API (AP=1) or API with escapes (AP=2)" }),
        protocol: Type.Union([Type.Literal('802.15.4'), Type.Literal('zigbee')], { default: '802.15.4', description: 'In API mode, the frames of the module family: 802.15.4 (S1, XBee 3 802.15.4) or zigbee (ZigBee, DigiMesh, 900HP, SX)' }),
        destination: Type.String({ default: '000000000000ffff', pattern: '^[0-9a-fA-F]{16}$', description: "In API mode, the ground radio's 64-bit address (SH then SL); 000000000000FFFF broadcasts" }),
      },
      { default: {}, additionalProperties: false },
    ),
    board: Type.Object(
      {
        io: Type.String({ default: 'raspi-io', description: 'johnny-five IO plugin module: raspi-io (Pi 4 and older), linux-io (Pi 5), or a simulator' }),
        options: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: "Passed to the plugin's constructor" }),
      },
      { default: {}, additionalProperties: false },
    ),
    barometer: Type.Object(
      { chip: Type.Union([Type.Literal('BMP280'), Type.Literal('BME280')], { default: 'BMP280' }), address: I2cAddress(0x77) },
      { default: {}, additionalProperties: false },
    ),
    imu: Type.Object(
      {
        chip: Type.Union([Type.Literal('MPU6050'), Type.Literal('BNO055'), Type.Literal('none')], { default: 'MPU6050' }),
        address: I2cAddress(0x68),
        accelRange: Type.Union([Type.Literal(2), Type.Literal(4), Type.Literal(8), Type.Literal(16)], { default: 16, description: '±g; a launch reaches 10-15 g' }),
        gyroRange: Type.Union([Type.Literal(250), Type.Literal(500), Type.Literal(1000), Type.Literal(2000)], { default: 2000, description: '±°/s' }),
      },
      { default: {}, additionalProperties: false },
    ),
    power: Type.Object(
      {
        chip: Type.Union([Type.Literal('INA219'), Type.Literal('none')], { default: 'INA219' }),
        address: I2cAddress(0x40),
        shuntOhms: Type.Number({ default: 0.1, exclusiveMinimum: 0 }),
        maxCurrent: Type.Number({ default: 3.2, exclusiveMinimum: 0, description: 'A, sets the current resolution' }),
      },
      { default: {}, additionalProperties: false },
    ),
    gps: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        port: Type.Integer({ default: 0, description: "The IO plugin's serial port id of the GPS" }),
        baudRate: Type.Integer({ default: 9600 }),
      },
      { default: {}, additionalProperties: false },
    ),
    actuators: Type.Object(
      {
        releasePin: Pin(12, 'Release servo'),
        releaseClosed: Type.Number({ default: 0, minimum: 0, maximum: 180, description: 'Servo angle holding the payload, degrees' }),
        releaseOpen: Type.Number({ default: 120, minimum: 0, maximum: 180, description: 'Servo angle releasing it, degrees' }),
        parachutePin: Pin(13, 'Parachute release (HIGH fires)'),
        buzzerPin: Pin(18, 'Audio beacon (HIGH sounds)'),
        cameraPin: Pin(19, 'Camera power (HIGH on)'),
      },
      { default: {}, additionalProperties: false },
    ),
    mission: Type.Object(
      {
        launchAltitude: Type.Number({ default: 20, exclusiveMinimum: 0, description: 'm above the reference that means launch' }),
        launchSpeed: Type.Number({ default: 10, exclusiveMinimum: 0, description: 'm/s upwards that means launch' }),
        apogeeDrop: Type.Number({ default: 3, exclusiveMinimum: 0, description: 'm below the peak that confirms apogee' }),
        apogeeHold: Type.Number({ default: 2, minimum: 0, description: 's the mission stays in APOGEE, so 1 Hz telemetry shows it' }),
        releases: Type.Array(
          Type.Object(
            {
              state: Type.Union([Type.Literal('PROBE_RELEASE'), Type.Literal('PAYLOAD_RELEASE')]),
              rule: ReleaseRule,
              device: Type.Union([Type.Literal('RELEASE'), Type.Literal('PARACHUTE')], { default: 'RELEASE' }),
            },
            { additionalProperties: false },
          ),
          // AAS 2026 guide (rev c): the payload separates at 80 % of the peak altitude.
          { default: [{ state: 'PROBE_RELEASE', rule: { kind: 'fraction', percent: 80 }, device: 'RELEASE' }], maxItems: 2 },
        ),
        landedSpeed: Type.Number({ default: 1, exclusiveMinimum: 0, description: 'm/s below which, near the ground, it has landed' }),
        landedAltitude: Type.Number({ default: 30, exclusiveMinimum: 0, description: 'm above the reference below which landing is possible' }),
        persist: Type.Number({ default: 0.4, exclusiveMinimum: 0, maximum: 10, description: 's a condition must hold (over two samples at least) before the mission acts on it' }),
        fireParachuteOnBallistic: Type.Boolean({ default: true, description: 'Fire the parachute pin if falling faster than 30 m/s' }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type FlightConfig = Static<typeof FlightConfig>;

/** A config from parsed JSON: defaults filled in, then checked; a TypeError names the first wrong field. */
export function resolveFlightConfig(input: unknown): FlightConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('flight config: expected a JSON object');
  const mission = (input as { mission?: unknown }).mission;
  if (typeof mission === 'object' && mission !== null && 'persistSamples' in mission) {
    throw new TypeError('flight config: mission.persistSamples: the mission counts in seconds now; write mission.persist (s), e.g. 0.5');
  }
  const value = Value.Default(FlightConfig, structuredClone(input));
  const error = Value.Errors(FlightConfig, value).First();
  if (error !== undefined) {
    const field = error.path === '' ? '(top level)' : error.path.slice(1).replaceAll('/', '.');
    throw new TypeError(`flight config: ${field}: ${error.message}`);
  }
  const config = value as FlightConfig;
  const states = config.mission.releases.map((r) => r.state);
  if (new Set(states).size !== states.length) throw new TypeError('flight config: mission.releases: each release state may appear once');
  return config;
}

/** Reads and checks a config file; errors name the file and the field. */
export async function loadFlightConfig(path: string): Promise<FlightConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the flight config ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return resolveFlightConfig(json);
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}`);
  }
}
