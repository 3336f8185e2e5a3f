import five from 'johnny-five';
import { HEALTH_BITS } from '@cansat/protocol';
import type { BusMonitor, IoPlugin } from '../board/io-plugin.ts';
import type { FlightConfig } from '../config/flight-config.ts';
import { Ina219, type PowerReading } from './ina219.ts';
import { parseNmea, type GpsFix } from './nmea.ts';

type Vector = [number, number, number];

/** What the sensors say at one instant; null where a sensor could not supply a value. */
export interface SensorReadings {
  /** Pa */
  pressure: number | null;
  /** °C */
  temperature: number | null;
  /** m/s², roll/pitch/yaw axes */
  accel: Vector | null;
  /** °/s */
  gyro: Vector | null;
  /** gauss */
  mag: Vector | null;
  voltage: number | null;
  current: number | null;
  gps: GpsFix | null;
  /** HEALTH_BITS of the sensors that failed to give a fresh reading. */
  failing: number;
}

/** One sensor: fills its part of the readings, or leaves it null. Exceptions are the caller's to catch. */
export interface SensorReader {
  /** Its health bit. */
  readonly bit: number;
  read(now: number, into: SensorReadings): boolean;
}

const G = 9.806_65;

/** Readings with nothing in them. */
export function emptyReadings(): SensorReadings {
  return { pressure: null, temperature: null, accel: null, gyro: null, mag: null, voltage: null, current: null, gps: null, failing: 0 };
}

/**
 * Every sensor of the CanSat behind one `read`: each reader is called inside its own try/catch, so a sensor that
 * throws on every read costs its own fields and a fault count, never the others' or the mission.
 */
export class Sensors {
  /** Exceptions caught while reading, by health bit. */
  readonly errors = new Map<number, number>();

  constructor(
    private readonly readers: readonly SensorReader[],
    private readonly monitor?: BusMonitor,
  ) {}

  /** Errors caught here and in the drivers' reply handlers. */
  get faultCount(): number {
    let total = this.monitor?.handlerErrors ?? 0;
    for (const count of this.errors.values()) total += count;
    return total;
  }

  read(now: number): SensorReadings {
    const readings = emptyReadings();
    for (const reader of this.readers) {
      let fresh = false;
      try {
        fresh = reader.read(now, readings);
      } catch {
        this.errors.set(reader.bit, (this.errors.get(reader.bit) ?? 0) + 1);
      }
      if (!fresh) readings.failing |= reader.bit;
    }
    return readings;
  }
}

/** How long a reading stays good without a new reply from its chip, ms. */
export function staleAfter(sensorHz: number): number {
  return Math.max(500, (5 * 1000) / sensorHz);
}

/** A reading from a chip is fresh while the chip has answered recently. */
function fresh(monitor: BusMonitor, address: number, now: number, maxAge: number): boolean {
  return now - monitor.lastReply(address) <= maxAge;
}

/** What every sensor's reader is built from. */
interface SensorContext {
  board: five.Board;
  io: IoPlugin;
  monitor: BusMonitor;
  config: FlightConfig;
  now: () => number;
  /** ms a reading stays good without a new reply from its chip. */
  maxAge: number;
  /** ms between johnny-five's reads of a chip. */
  freq: number;
}

/**
 * Creates the sensors of `config` on a ready johnny-five board. johnny-five's own drivers read the barometer and
 * the IMU; the kit's driver reads the INA219; GPS sentences of every talker are parsed here (johnny-five's parser
 * drops `$GN`).
 */
export function createSensors(board: five.Board, io: IoPlugin, monitor: BusMonitor, config: FlightConfig, now: () => number): Sensors {
  const context: SensorContext = { board, io, monitor, config, now, maxAge: staleAfter(config.sensorHz), freq: Math.round(1000 / config.sensorHz) };
  const readers = [barometerReader(context), imuReader(context), powerReader(context), gpsReader(context)];
  return new Sensors(
    readers.filter((reader): reader is SensorReader => reader !== null),
    monitor,
  );
}

const { Multi, GPS, IMU } = five as unknown as {
  Multi: new (options: object) => { barometer: { pressure: number }; thermometer: { celsius: number } };
  GPS: new (options: object) => { on(event: 'sentence', listener: (sentence: string) => void): void };
  IMU: new (options: object) => { accelerometer: { x: number; y: number; z: number }; gyro: { x: number; y: number; z: number }; magnetometer: { raw: { x: number; y: number; z: number } } };
};

/** The BMP280 or BME280, through johnny-five's Multi driver: pressure and temperature. */
function barometerReader({ board, monitor, config, maxAge, freq }: SensorContext): SensorReader {
  const baro = config.barometer;
  const multi = new Multi({ board, controller: baro.chip, address: baro.address, freq });
  return {
    bit: HEALTH_BITS.BAROMETER,
    read(t, into) {
      if (!fresh(monitor, baro.address, t, maxAge)) return false;
      const kPa = multi.barometer.pressure;
      const celsius = multi.thermometer.celsius;
      if (!(kPa > 0) || !Number.isFinite(celsius)) return false;
      into.pressure = kPa * 1000;
      into.temperature = celsius;
      return true;
    },
  };
}

/** The MPU-6050 (its ranges written first) or the BNO055 (with its magnetometer), or none. */
function imuReader({ board, io, monitor, config, maxAge, freq }: SensorContext): SensorReader | null {
  const imu = config.imu;
  if (imu.chip === 'MPU6050') {
    // Full-scale ranges (register map 4.4 and 4.5): a launch saturates the default ±2 g.
    const afs = [2, 4, 8, 16].indexOf(imu.accelRange);
    const fs = [250, 500, 1000, 2000].indexOf(imu.gyroRange);
    io.i2cWrite(imu.address, 0x1c, [afs << 3]);
    io.i2cWrite(imu.address, 0x1b, [fs << 3]);
    const accelerometer = new five.Accelerometer({ board, controller: 'MPU6050', address: imu.address, sensitivity: 16_384 >> afs, freq } as never);
    const gyro = new five.Gyro({ board, controller: 'MPU6050', address: imu.address, sensitivity: 131 / 2 ** fs, freq } as never) as five.Gyro & { rate: { x: number; y: number; z: number } };
    return {
      bit: HEALTH_BITS.IMU,
      read(t, into) {
        if (!fresh(monitor, imu.address, t, maxAge)) return false;
        into.accel = [accelerometer.x * G, accelerometer.y * G, accelerometer.z * G];
        into.gyro = [gyro.rate.x, gyro.rate.y, gyro.rate.z];
        return into.accel.every(Number.isFinite) && into.gyro.every(Number.isFinite);
      },
    };
  }
  if (imu.chip !== 'BNO055') return null;
  const bno = new IMU({ board, controller: 'BNO055', address: imu.address, freq });
  return {
    bit: HEALTH_BITS.IMU | HEALTH_BITS.MAGNETOMETER,
    read(t, into) {
      if (!fresh(monitor, imu.address, t, maxAge)) return false;
      const a = bno.accelerometer;
      const w = bno.gyro;
      const m = bno.magnetometer.raw;
      into.accel = [a.x * G, a.y * G, a.z * G];
      into.gyro = [w.x, w.y, w.z];
      // BNO055 magnetometer: 16 LSB per µT (datasheet table 3-19); 1 µT = 0.01 gauss.
      into.mag = [m.x / 1600, m.y / 1600, m.z / 1600];
      return true;
    },
  };
}

/** The INA219, through the kit's own driver: battery voltage and current. */
function powerReader({ io, monitor, config, maxAge }: SensorContext): SensorReader | null {
  const power = config.power;
  if (power.chip !== 'INA219') return null;
  const ina = new Ina219({ io, address: power.address, shuntOhms: power.shuntOhms, maxCurrent: power.maxCurrent });
  let last: PowerReading | null = null;
  ina.on('data', (reading: PowerReading) => (last = reading));
  return {
    bit: HEALTH_BITS.POWER,
    read(t, into) {
      if (last === null || !fresh(monitor, power.address, t, maxAge)) return false;
      into.voltage = last.voltage;
      into.current = last.current;
      return true;
    },
  };
}

/** The GPS module's sentences, of any talker: the latest fix. */
function gpsReader({ board, config, now }: SensorContext): SensorReader | null {
  if (!config.gps.enabled) return null;
  const gps = new GPS({ board, port: config.gps.port, baud: config.gps.baudRate });
  let fix: { at: number; fix: GpsFix } | null = null;
  let heard = Number.NEGATIVE_INFINITY;
  gps.on('sentence', (sentence) => {
    const parsed = parseNmea(sentence);
    if (parsed === null) return;
    heard = now();
    if (parsed.type === 'GGA' && parsed.fix) fix = { at: heard, fix: parsed.fix };
  });
  return {
    bit: HEALTH_BITS.GPS,
    read(t, into) {
      // A silent module is a failure; a module without a fix is working, its position just unknown.
      if (t - heard > 3000) return false;
      if (fix !== null && t - fix.at <= 3000) into.gps = fix.fix;
      return true;
    },
  };
}
