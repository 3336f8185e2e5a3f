import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEALTH_BITS, deframe } from '@cansat/protocol';
import { describe, expect, it } from 'vitest';
import { resolveFlightConfig } from '../config/flight-config.ts';
import { FlightCore, freshState } from '../flight-core.ts';
import { BlackBox } from '../storage/black-box.ts';
import { BACKLOG_LIMIT, Downlink } from './downlink.ts';
import type { Radio, RadioEvents } from './radio.ts';

/** A radio that can be up or down and keeps what it was given. */
class TestRadio extends EventEmitter<RadioEvents> implements Radio {
  connected = true;
  failedWrites = 0;
  readonly sent: Uint8Array[] = [];
  write(bytes: Uint8Array): boolean {
    if (!this.connected) {
      this.failedWrites++;
      return false;
    }
    this.sent.push(bytes);
    return true;
  }
  async close(): Promise<void> {}
}

function downlink() {
  const config = resolveFlightConfig({ teamId: 1234, stateDir: '/nonexistent' });
  const core = new FlightCore(config, freshState(config, 0));
  const radio = new TestRadio();
  const blackBox = new BlackBox(join(mkdtempSync(join(tmpdir(), 'cansat-downlink-')), 'blackbox.bin'));
  const storage: unknown[] = [];
  const link = new Downlink({ core, radio, blackBox, clock: { now: () => 5000 } as never, profile: null, onStorage: (e) => storage.push(e), log: () => {} });
  return { core, radio, blackBox, link, storage };
}

const kinds = (frames: Uint8Array[]) => frames.map((f) => {
  const r = deframe(f);
  return r.status === 'ok' ? `${r.message.type} ${r.message.packetCount}` : r.status;
});

describe('downlink', () => {
  it('counts each kind of packet on its own, and logs each in the black box before it goes out', () => {
    const { core, radio, blackBox, link } = downlink();
    link.telemetry(1000);
    link.event({ event: 'STATE_CHANGE', state: 'ASCENT', subject: 'MISSION', value: 0 });
    link.telemetry(2000);
    link.ack(77, 'CX', 'OK');
    expect(kinds(radio.sent)).toEqual(['telemetry 1', 'event 1', 'telemetry 2', 'ack 1']);
    expect(BlackBox.read(blackBox.path).records.map((r) => `${r.kind} ${r.packetCount}`)).toEqual(['telemetry 1', 'event 1', 'telemetry 2', 'ack 1']);
    expect([core.state.packetCount, core.state.eventCount, core.state.ackCount]).toEqual([2, 1, 1]);
  });

  it('keeps events and acks (not telemetry) while the radio is down, the newest hundred, and sends them when it is up', () => {
    const { core, radio, link } = downlink();
    radio.connected = false;
    link.telemetry(1000);
    for (let i = 0; i < BACKLOG_LIMIT + 5; i++) link.event({ event: 'FAULT', state: 'LAUNCH_PAD', subject: 'GPS', value: i });
    expect(core.telemetry(1000).health & HEALTH_BITS.RADIO).toBe(HEALTH_BITS.RADIO);
    // Counts are spent even when nothing went out: a count is never used twice.
    expect(core.state.packetCount).toBe(1);
    radio.connected = true;
    link.radioUp();
    expect(kinds(radio.sent)).toEqual(Array.from({ length: BACKLOG_LIMIT }, (_, i) => `event ${i + 6}`));
  });

  it('sends what it must when the card refuses, and says so', () => {
    const { radio, link, blackBox, storage } = downlink();
    blackBox.append = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    link.telemetry(1000);
    expect(kinds(radio.sent)).toEqual(['telemetry 1']);
    expect(String(storage[0])).toMatch(/ENOSPC/);
  });
});

describe("the core's fault count", () => {
  it('is the sum of its named counters, each of which only grows', () => {
    const { core } = downlink();
    core.countFault('software');
    core.countFault('storage');
    core.tallyFaults('sensor', 5);
    core.tallyFaults('sensor', 3);
    core.tallyFaults('radio', 2);
    expect(core.faultCounts).toEqual({ sensor: 5, storage: 1, radio: 2, software: 1 });
    expect(core.faults).toBe(9);
    expect(core.telemetry(0).faults).toBe(9);
    core.tallyFaults('sensor', 300);
    expect(core.telemetry(0).faults).toBe(304 % 256);
  });
});
