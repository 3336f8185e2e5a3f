import type { Command } from '@cansat/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandStatus, SimPlayerStatus } from '@cansat/protocol/station';
import { SimPlayer } from './sim-player.ts';

afterEach(() => vi.useRealTimers());

const confirmed = (action: 'ENABLE' | 'ACTIVATE' | 'DISABLE', state: CommandStatus['state'] = 'acked'): CommandStatus => ({
  id: action,
  command: { name: 'SIM', action },
  state,
  detail: null,
  counter: 1,
  sentAt: 0,
  updatedAt: 0,
});

function player(pressures: number[]) {
  const sent: Command[] = [];
  const statuses: SimPlayerStatus[] = [];
  const p = new SimPlayer({
    pressures,
    periodMs: 1000,
    send: (id, command) => {
      sent.push(command);
      return { id, command, state: 'sent', detail: null, counter: sent.length, sentAt: 0, updatedAt: 0 };
    },
    onStatus: (s) => statuses.push(s),
  });
  return { p, sent, statuses };
}

describe("the judges' pressure player", () => {
  it('waits for SIM ENABLE and ACTIVATE to be acknowledged, then sends one SIMP a second', () => {
    vi.useFakeTimers();
    const { p, sent } = player([101_325, 101_300, 101_250]);
    expect(p.control('start')).toBeNull();
    expect(p.status.state).toBe('waiting');
    p.observe(confirmed('ACTIVATE'));
    expect(sent).toEqual([]);
    p.observe(confirmed('ENABLE'));
    p.observe(confirmed('ACTIVATE', 'timeout'));
    expect(sent).toEqual([]);
    p.observe(confirmed('ACTIVATE'));
    expect(sent).toEqual([{ name: 'SIMP', pascals: 101_325 }]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(5000);
    expect(sent.map((c) => (c.name === 'SIMP' ? c.pascals : 0))).toEqual([101_325, 101_300, 101_250]);
    expect(p.status).toMatchObject({ state: 'done', sent: 3, total: 3 });
  });

  it('pauses, resumes and stops', () => {
    vi.useFakeTimers();
    const { p, sent } = player(Array.from({ length: 10 }, (_, i) => 100_000 - i * 10));
    p.observe(confirmed('ENABLE'));
    p.observe(confirmed('ACTIVATE'));
    p.control('start');
    vi.advanceTimersByTime(2000);
    p.control('pause');
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(3);
    p.control('resume');
    vi.advanceTimersByTime(1000);
    p.control('stop');
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(5);
    expect(p.status.state).toBe('stopped');
  });

  it('says so when no file was loaded', () => {
    expect(player([]).p.control('start')).toMatch(/no simulated-pressure file/);
  });
});
