import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { monitorBus, type IoPlugin } from './io-plugin.ts';

/** A stand-in plugin that hands every read handler to the test. */
class FakeIo extends EventEmitter {
  isReady = true;
  readonly MODES = { OUTPUT: 1 };
  readonly handlers: ((bytes: number[]) => void)[] = [];
  i2cConfig() {}
  i2cWrite() {}
  i2cRead(_address: number, _register: number, _length: number, handler: (bytes: number[]) => void) {
    this.handlers.push(handler);
  }
  pinMode() {}
  digitalWrite() {}
  servoWrite() {}
}

describe('bus monitor', () => {
  it('time-stamps good replies per address and catches what a driver throws', () => {
    const fake = new FakeIo();
    let now = 1000;
    const { io, monitor } = monitorBus(fake as unknown as IoPlugin, () => now);
    const seen: number[][] = [];
    io.i2cRead(0x77, 0xf7, 6, (bytes) => seen.push(bytes));
    io.i2cRead(0x68, 0x3b, 14, () => {
      throw new Error('driver bug');
    });
    fake.handlers[0]!([1, 2, 3]);
    now = 2000;
    expect(() => fake.handlers[1]!([0])).not.toThrow();
    expect(seen).toEqual([[1, 2, 3]]);
    expect(monitor.lastReply(0x77)).toBe(1000);
    expect(monitor.lastReply(0x68)).toBe(Number.NEGATIVE_INFINITY);
    expect(monitor.handlerErrors).toBe(1);
    // Everything else passes straight through to the plugin.
    expect(io.isReady).toBe(true);
    expect(io.MODES).toBe(fake.MODES);
  });
});
