import { VirtualClock, type SimClock, type TimerHandle } from './clock.ts';
import { Bmp280 } from './devices/bmp280.ts';
import { GpsModule } from './devices/gps-module.ts';
import { Ina219 } from './devices/ina219.ts';
import { Mpu6050 } from './devices/mpu6050.ts';
import { faultEffect, faultyI2c, faultySerial } from './faults.ts';
import type { Scenario } from './scenario.ts';
import { SimIO, type SimBoard, type SimIoOptions } from './sim-io.ts';
import { PHYSICS_STEP, World } from './world.ts';

/** Sensor noise, one standard deviation, from the datasheets' typical figures. */
export const SENSOR_NOISE = {
  /** Pa: BMP280 at ×16 oversampling, RMS noise 1.3 Pa (datasheet table 3). */
  pressure: 1.3,
  /** °C */
  temperature: 0.01,
  /** m/s²: MPU-6050 noise density 400 µg/√Hz over a 44 Hz band. */
  accel: 0.03,
  /** °/s: 0.005 °/s/√Hz over a 42 Hz band. */
  gyro: 0.03,
  /** V and A: INA219 at 12-bit resolution. */
  voltage: 0.004,
  current: 0.001,
  /** m: GPS horizontal and vertical scatter. */
  gpsHorizontal: 1.5,
  gpsVertical: 3,
} as const;

/** The GPS serial port of the simulated board. */
export const GPS_PORT = 0;

/**
 * The world and the chips that sense it, on one clock: a johnny-five IO plugin (`io`) for the flight program, the
 * physics stepped at 100 Hz, and the scenario's faults applied to every transfer.
 */
export class Simulator {
  readonly world: World;
  /** The board the flight program talks to; `reconnect` replaces it, as a processor reset does. */
  io: SimIO;
  private readonly board: SimBoard;
  private readonly ioOptions: SimIoOptions;
  readonly barometer: Bmp280;
  readonly imu: Mpu6050;
  readonly power: Ina219;
  readonly gps: GpsModule;
  private readonly physics: TimerHandle;

  constructor(
    readonly scenario: Scenario,
    readonly clock: SimClock = new VirtualClock(),
    ioOptions: SimIoOptions = {},
  ) {
    const world = (this.world = new World(scenario));
    const d = scenario.devices;
    this.barometer = simulatedBarometer(world);
    this.imu = simulatedImu(world);
    this.power = simulatedPower(world);
    this.gps = simulatedGps(world);
    this.ioOptions = ioOptions;
    this.board = {
      clock,
      i2c: [faultyI2c(this.barometer, 'barometer', world), faultyI2c(this.imu, 'imu', world), faultyI2c(this.power, 'power', world)],
      serial: new Map([[GPS_PORT, faultySerial(this.gps, 'gps', world)]]),
      onPinWrite: (pin, mode, value) => {
        if (pin === d.releasePin && mode === 'servo') world.setReleaseAngle(value);
        if (pin === d.parachutePin && mode === 'digital') world.setParachute(value === 1);
        if (pin === d.buzzerPin) world.setBuzzer(value > 0);
      },
    };
    this.io = new SimIO(this.board, ioOptions);

    // Catch up with the clock in fixed steps: one step per tick on a virtual clock, several after a late tick
    // on a real one, so the physics never depends on timer jitter.
    const stepMs = PHYSICS_STEP * 1000;
    this.physics = clock.setInterval(() => {
      while ((world.time + PHYSICS_STEP) * 1000 <= clock.now() + 1e-6) world.step();
    }, stepMs);
  }

  /**
   * A fresh IO plugin on the same chips, as the board looks to a flight program after a processor reset: the
   * old plugin's read loops stop, the chips and the world carry on.
   */
  reconnect(): SimIO {
    this.io.close();
    this.io = new SimIO(this.board, this.ioOptions);
    return this.io;
  }

  /** Stops the physics and every read loop. */
  close(): void {
    this.physics.cancel();
    this.io.close();
  }
}

/** The BMP280/BME280 reading the world's air, with the datasheet's noise and the scenario's spikes. */
function simulatedBarometer(world: World): Bmp280 {
  const d = world.scenario.devices;
  return new Bmp280(
    d.barometerAddress,
    () => {
      const truth = world.truth;
      return {
        pressure: truth.pressure + faultEffect(world, 'barometer').spike + world.random.gaussian(SENSOR_NOISE.pressure),
        temperature: truth.temperature + world.random.gaussian(SENSOR_NOISE.temperature),
        humidity: truth.humidity,
      };
    },
    d.barometer,
  );
}

/** The MPU-6050 feeling the vehicle's specific force and spin. */
function simulatedImu(world: World): Mpu6050 {
  const { random } = world;
  const noise = SENSOR_NOISE;
  return new Mpu6050(world.scenario.devices.imuAddress, () => {
    const truth = world.truth;
    const spike = faultEffect(world, 'imu').spike;
    return {
      accel: [truth.accel[0] + random.gaussian(noise.accel), truth.accel[1] + random.gaussian(noise.accel), truth.accel[2] + spike + random.gaussian(noise.accel)],
      gyro: [truth.gyro[0] + random.gaussian(noise.gyro), truth.gyro[1] + random.gaussian(noise.gyro), truth.gyro[2] + random.gaussian(noise.gyro)],
      temperature: truth.temperature + 8, // the die runs warmer than the air
    };
  });
}

/** The INA219 on the battery's lead. */
function simulatedPower(world: World): Ina219 {
  const d = world.scenario.devices;
  return new Ina219(
    d.powerAddress,
    () => ({
      voltage: world.voltage() + faultEffect(world, 'power').spike + world.random.gaussian(SENSOR_NOISE.voltage),
      current: world.current() + world.random.gaussian(SENSOR_NOISE.current),
    }),
    d.shuntResistance,
  );
}

/** The GPS module: position with its scatter, a fix after the scenario's delay. */
function simulatedGps(world: World): GpsModule {
  const d = world.scenario.devices;
  const { random } = world;
  const metresPerDegree = 111_320;
  return new GpsModule(
    () => {
      const truth = world.truth;
      const north = random.gaussian(SENSOR_NOISE.gpsHorizontal) / metresPerDegree;
      const east = random.gaussian(SENSOR_NOISE.gpsHorizontal) / (metresPerDegree * Math.cos((truth.latitude * Math.PI) / 180));
      return {
        fix: world.time >= d.gpsFixDelay,
        utc: truth.utc,
        latitude: truth.latitude + north,
        longitude: truth.longitude + east,
        altitude: truth.altitudeMsl + random.gaussian(SENSOR_NOISE.gpsVertical),
        satellites: d.gpsSatellites,
        groundSpeed: truth.groundSpeed,
        course: truth.course,
      };
    },
    d.gpsTalker,
    d.gpsRate,
  );
}
