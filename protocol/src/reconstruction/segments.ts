/** Where a log starts again: a power cycle shows as the mission time or the packet count restarting. */

/** What a row says about the program that sent it. */
export interface CounterRow {
  /** ms */
  missionTime: number;
  packetCount: number;
}

/** A place where the log starts again, at row `row`. */
export interface Restart {
  row: number;
  /** What restarted: the packet count, the mission time, or both. */
  what: 'packet-count' | 'mission-time' | 'both';
  /** The values before and after (ms of mission time, or the counts). */
  before: number;
  after: number;
}

/** ms a mission time may go back (reordered packets, a GPS-set clock) before it counts as a restart. */
const CLOCK_SLACK_MS = 2000;
/** Packets a count may go back (reordered or repeated packets) before it counts as a restart. */
const COUNT_SLACK = 2;
const DAY_MS = 86_400_000;

/** Every restart in the log. A clock passing midnight is not one. */
export function findRestarts(rows: readonly CounterRow[]): Restart[] {
  const restarts: Restart[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const back = a.missionTime - b.missionTime;
    const midnight = a.missionTime > DAY_MS - 600_000 && b.missionTime < 600_000;
    const clock = back > CLOCK_SLACK_MS && !midnight;
    const count = b.packetCount < a.packetCount - COUNT_SLACK;
    if (!clock && !count) continue;
    const what = clock && count ? 'both' : clock ? 'mission-time' : 'packet-count';
    restarts.push(what === 'packet-count' ? { row: i, what, before: a.packetCount, after: b.packetCount } : { row: i, what, before: a.missionTime, after: b.missionTime });
  }
  return restarts;
}
