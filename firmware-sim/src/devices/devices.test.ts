import { afterEach, describe, expect, it } from 'vitest';
import { GPS_PORT } from '../simulator.ts';
import { barometerOn, boardOn, closeSimulators, gpsOn, runFor, simulated } from '../testing.ts';
import { ggaSentence, nmeaChecksum, rmcSentence } from './gps-module.ts';
import { Ina219 } from './ina219.ts';
import { Mpu6050 } from './mpu6050.ts';

afterEach(closeSimulators);

describe('GPS module', () => {
  const fix = { fix: true, utc: new Date('2026-06-13T14:05:09.250Z'), latitude: 37.1677, longitude: -80.579, altitude: 1234.5, satellites: 9, groundSpeed: 5.144_44, course: 87.5 };

  it('writes GGA and RMC with valid checksums, in the NMEA field layout', () => {
    const gga = ggaSentence('GN', fix);
    expect(gga).toMatch(/^\$GNGGA,140509\.25,3710\.06200,N,08034\.74000,W,1,09,0\.9,1234\.5,M,-33\.0,M,,\*[0-9A-F]{2}\r\n$/);
    const rmc = rmcSentence('GP', fix);
    expect(rmc).toMatch(/^\$GPRMC,140509\.25,A,3710\.06200,N,08034\.74000,W,10\.00,87\.5,130626,,,A\*[0-9A-F]{2}\r\n$/);
    for (const sentence of [gga, rmc]) {
      const [body, sum] = sentence.slice(1).trimEnd().split('*');
      expect(nmeaChecksum(body!)).toBe(sum);
    }
  });

  it('says "no fix" with empty position fields', () => {
    expect(ggaSentence('GN', { ...fix, fix: false })).toMatch(/^\$GNGGA,140509\.25,,,,,0,00,,,M,,M,,\*/);
    expect(rmcSentence('GN', { ...fix, fix: false })).toMatch(/^\$GNRMC,140509\.25,V,,,,,,,130626,,,N\*/);
  });

  it("is parsed back to the simulated position by johnny-five's GPS (GP talker)", async () => {
    const { sim, clock } = simulated({ devices: { gpsTalker: 'GP', gpsFixDelay: 0 }, padWait: 30 });
    const board = await boardOn(sim.io);
    const gps = gpsOn(board);
    await runFor(clock, 3000, 100);
    const truth = sim.world.truth;
    // Within the simulated receiver's scatter (1.5 m horizontal, 3 m vertical; 1e-4° is 11 m).
    expect(gps.latitude).toBeCloseTo(truth.latitude, 4);
    expect(gps.longitude).toBeCloseTo(truth.longitude, 4);
    expect(Math.abs(gps.altitude - truth.altitudeMsl)).toBeLessThan(15);
  });

  it("sends GN sentences that pass johnny-five's checksum but that its parser ignores (the flight program handles them)", async () => {
    const { sim, clock } = simulated({ devices: { gpsTalker: 'GN', gpsFixDelay: 0 } });
    const board = await boardOn(sim.io);
    const gps = gpsOn(board);
    const sentences: string[] = [];
    gps.on('sentence', (s: string) => sentences.push(s));
    await runFor(clock, 3000, 100);
    expect(sentences.filter((s) => s.startsWith('$GNGGA'))).toHaveLength(3);
    expect(sentences.filter((s) => s.startsWith('$GNRMC'))).toHaveLength(3);
    expect(gps.latitude).toBe(0);
  });

  it('obeys a PMTK220 rate command', async () => {
    const { sim, clock } = simulated({ devices: { gpsFixDelay: 0 } });
    await boardOn(sim.io);
    const updates: number[] = [];
    sim.io.serialRead(GPS_PORT, () => updates.push(clock.now()));
    sim.io.serialWrite(GPS_PORT, [...Buffer.from(`$PMTK220,200*${nmeaChecksum('PMTK220,200')}\r\n`)]);
    await runFor(clock, 3000, 100);
    // The first update comes after the old period; then one every 200 ms.
    expect(updates[0]).toBe(1000);
    expect(updates.slice(1).map((t, i) => t - updates[i]!)).toEqual(Array(10).fill(200));
  });
});

describe('INA219 power monitor', () => {
  it('reads shunt and bus voltage per the datasheet, and current and power after calibration', () => {
    const chip = new Ina219(0x40, () => ({ voltage: 7.4, current: 0.5 }), 0.1);
    const u16 = (bytes: Uint8Array | null) => (bytes![0]! << 8) | bytes![1]!;
    // Shunt: 0.5 A × 0.1 Ω = 50 mV = 5000 × 10 µV.
    expect(u16(chip.read(1, 2))).toBe(5000);
    // Bus: 7.4 V / 4 mV = 1850, in bits 15:3, with the conversion-ready bit.
    expect(u16(chip.read(2, 2)) >> 3).toBe(1850);
    expect(u16(chip.read(2, 2)) & 0x02).toBe(0x02);
    expect(u16(chip.read(4, 2))).toBe(0);
    // Calibration for a 100 µA current LSB with 0.1 Ω: 0.04096 / (100e-6 × 0.1) = 4096 (datasheet equation 1).
    chip.write(5, [0x10, 0x00]);
    expect(u16(chip.read(4, 2)) * 100e-6).toBeCloseTo(0.5, 4);
    // Power LSB is 20 × current LSB: 2 mW; 0.5 A × 7.4 V = 3.7 W.
    expect(u16(chip.read(3, 2)) * 0.002).toBeCloseTo(3.7, 1);
    expect(u16(chip.read(0, 2))).toBe(0x399f);
    expect(chip.read(9, 2)).toBeNull();
  });
});

describe('MPU6050 register map', () => {
  it('answers WHO_AM_I, sleeps at power-on, and saturates at the full-scale range', () => {
    const chip = new Mpu6050(0x68, () => ({ accel: [0, 0, 3 * 9.806_65], gyro: [0, 0, 300], temperature: 25 }));
    expect(chip.read(0x75, 1)![0]).toBe(0x68);
    expect([...chip.read(0x3b, 6)!]).toEqual([0, 0, 0, 0, 0, 0]);
    chip.write(0x6b, [0]);
    const z = () => ((chip.read(0x3f, 2)![0]! << 8) | chip.read(0x3f, 2)![1]!) << 16 >> 16;
    expect(z()).toBe(32_767); // 3 g on the ±2 g range
    chip.write(0x1c, [0x08]); // ±4 g: 8192 LSB/g
    expect(z()).toBe(3 * 8192);
    const temperature = (chip.read(0x41, 2)![0]! << 8 | chip.read(0x41, 2)![1]!) << 16 >> 16;
    expect(temperature / 340 + 36.53).toBeCloseTo(25, 2);
  });
});

describe('scenario faults on the bus', () => {
  it('a barometer that stops answering leaves johnny-five with stale readings and counts NACKs', async () => {
    const { sim, clock } = simulated({ padWait: 5, faults: [{ device: 'barometer', kind: 'stop', at: -3 }] });
    const board = await boardOn(sim.io);
    const baro = barometerOn(board, 'BMP280', 0x77);
    await runFor(clock, 2500);
    const before = baro.barometer.pressure;
    const nacks = sim.io.nacks;
    await runFor(clock, 6000, 100);
    expect(baro.barometer.pressure).toBe(before);
    expect(sim.io.nacks).toBeGreaterThan(nacks + 100);
    // Meanwhile the rocket has launched: the stale reading is far from the air around it.
    expect(sim.world.truth.pressure / 1000).toBeLessThan(before - 1);
  });

  it('a spike shifts the pressure by its magnitude for its duration', async () => {
    const { sim, clock } = simulated({ padWait: 10, faults: [{ device: 'barometer', kind: 'spike', at: -8, duration: 1, magnitude: -5000 }] });
    const board = await boardOn(sim.io);
    const baro = barometerOn(board, 'BMP280', 0x77);
    await runFor(clock, 1500);
    const normal = baro.barometer.pressure;
    await runFor(clock, 1000);
    expect(baro.barometer.pressure).toBeCloseTo(normal - 5, 1);
    await runFor(clock, 1000);
    expect(baro.barometer.pressure).toBeCloseTo(normal, 1);
  });

  it('bit flips corrupt some reads and stale data repeats the last one', () => {
    const { sim, clock } = simulated({ faults: [{ device: 'imu', kind: 'bitflip', at: -60, probability: 1 }] });
    sim.io.i2cWrite(0x68, 0x6b, [0]);
    const reads = new Set<string>();
    for (let i = 0; i < 50; i++) sim.io.i2cReadOnce(0x68, 0x75, 1, (bytes) => reads.add(String(bytes[0])));
    clock.advance(10);
    // WHO_AM_I is 0x68 = 104; every read had one bit flipped.
    expect(reads.has('104')).toBe(false);
    expect(reads.size).toBeGreaterThan(3);
  });

  it('a stale chip repeats its last reading while the world moves on', () => {
    const { sim, clock } = simulated({ padWait: 1, faults: [{ device: 'imu', kind: 'stale', at: 0.5, duration: 2 }] });
    sim.io.i2cWrite(0x68, 0x6b, [0]);
    const reads: string[] = [];
    sim.io.i2cRead(0x68, 0x3b, 6, (bytes) => reads.push(bytes.join()));
    clock.advance(2500); // stale from 1.5 s (T+0.5 s, in the burn) to 3.5 s
    const stale = reads.slice(-20);
    expect(new Set(stale).size).toBe(1);
    clock.advance(1500);
    expect(reads.at(-1)).not.toBe(stale[0]);
  });
});
