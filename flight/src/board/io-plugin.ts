import type { EventEmitter } from 'node:events';
import type { Clock } from './clock.ts';

/** The part of a johnny-five IO plugin the flight program uses directly (johnny-five uses the rest). */
export interface IoPlugin extends EventEmitter {
  isReady: boolean;
  readonly MODES: Readonly<Record<string, number>>;
  i2cConfig(options?: object): unknown;
  i2cWrite(address: number, register: number, bytes: number[]): unknown;
  i2cRead(address: number, register: number, length: number, handler: (bytes: number[]) => void): unknown;
  pinMode(pin: number, mode: number): unknown;
  digitalWrite(pin: number, value: number): unknown;
  servoWrite(pin: number, degrees: number): unknown;
  /** Simulators provide their clock, so the flight program runs on simulated time. */
  clock?: Clock | undefined;
}

/** When each I2C device last answered, and how often handlers threw, seen by wrapping the plugin. */
export interface BusMonitor {
  /** Clock time (ms) of the last reply from `address`, or -Infinity. */
  lastReply(address: number): number;
  /** Errors thrown by drivers while handling replies (johnny-five's or ours), caught here. */
  readonly handlerErrors: number;
}

/**
 * Wraps an IO plugin so that every I2C reply is time-stamped per address before the driver sees it, and any
 * exception a driver throws while handling it is caught and counted instead of killing the flight program. This
 * works the same with raspi-io, linux-io and the simulator, whatever events they emit.
 */
export function monitorBus<T extends IoPlugin>(io: T, now: () => number): { io: T; monitor: BusMonitor } {
  const replies = new Map<number, number>();
  let handlerErrors = 0;
  // Only a reply the driver could use counts as an answer: a driver that throws on every reply leaves its
  // chip looking silent, so its readings go stale and are reported missing.
  const wrap = (address: number, handler: (bytes: number[]) => void) => (bytes: number[]) => {
    try {
      handler(bytes);
      replies.set(address, now());
    } catch {
      handlerErrors++;
    }
  };
  const proxy = new Proxy(io, {
    get(target, property, receiver) {
      if (property === 'i2cRead' || property === 'i2cReadOnce') {
        const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (address: number, ...rest: unknown[]) => {
          const handler = rest.pop() as (bytes: number[]) => void;
          return original.call(target, address, ...rest, wrap(address, handler));
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
  return {
    io: proxy,
    monitor: {
      lastReply: (address) => replies.get(address) ?? Number.NEGATIVE_INFINITY,
      get handlerErrors() {
        return handlerErrors;
      },
    },
  };
}
