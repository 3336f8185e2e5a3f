import type { I2cDevice } from './devices/i2c-device.ts';
import type { SerialDevice } from './sim-io.ts';
import type { DeviceName, World } from './world.ts';

/** What the scenario's faults do to one transfer now. */
export function faultEffect(world: World, device: DeviceName): { silent: boolean; stale: boolean; flipProbability: number; spike: number } {
  let silent = false;
  let stale = false;
  let flipProbability = 0;
  let spike = 0;
  for (const fault of world.activeFaults(device)) {
    if (fault.kind === 'dropout' || fault.kind === 'stop') silent = true;
    else if (fault.kind === 'stale') stale = true;
    else if (fault.kind === 'bitflip') flipProbability = Math.max(flipProbability, fault.probability);
    else spike += fault.magnitude;
  }
  return { silent, stale, flipProbability, spike };
}

function flipOneBit(bytes: Uint8Array, world: World): Uint8Array {
  if (bytes.length === 0) return bytes;
  const copy = bytes.slice();
  copy[world.random.int(copy.length)]! ^= 1 << world.random.int(8);
  return copy;
}

/** A chip that suffers the scenario's faults: no acknowledge, stale data, flipped bits. */
export function faultyI2c(device: I2cDevice, name: DeviceName, world: World): I2cDevice {
  const last = new Map<string, Uint8Array>();
  return {
    address: device.address,
    read(register, length) {
      const effect = faultEffect(world, name);
      if (effect.silent) return null;
      const key = `${register}:${length}`;
      const held = last.get(key);
      if (effect.stale && held) return held.slice();
      let bytes = device.read(register, length);
      if (bytes === null) return null;
      last.set(key, bytes.slice());
      if (world.random.chance(effect.flipProbability)) bytes = flipOneBit(bytes, world);
      return bytes;
    },
    write(register, bytes) {
      return faultEffect(world, name).silent ? false : device.write(register, bytes);
    },
  };
}

/** A serial device that suffers the scenario's faults: silence, repeats of its last update, flipped bits. */
export function faultySerial(device: SerialDevice, name: DeviceName, world: World): SerialDevice {
  let held: Uint8Array | null = null;
  return {
    get updatePeriodMs() {
      return device.updatePeriodMs;
    },
    update() {
      const effect = faultEffect(world, name);
      if (effect.silent) return null;
      if (effect.stale && held) return held.slice();
      let bytes = device.update();
      if (bytes === null) return null;
      held = bytes.slice();
      if (world.random.chance(effect.flipProbability)) bytes = flipOneBit(bytes, world);
      return bytes;
    },
    receive(bytes) {
      device.receive(bytes);
    },
  };
}
