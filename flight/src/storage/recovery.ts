import { deframe } from '@cansat/protocol';
import type { Clock } from '../board/clock.ts';
import type { FlightConfig } from '../config/flight-config.ts';
import { freshState, type EventBody } from '../flight-core.ts';
import { BlackBox, type RecordKind } from './black-box.ts';
import type { MissionStore, PersistedMission } from './mission-store.ts';

/** The mission as a (re)starting program finds it, and what it must report. */
export interface Recovery {
  state: PersistedMission;
  /** RESET_RECOVERED, and a STORAGE fault for each problem. */
  events: EventBody[];
  problems: string[];
}

/**
 * The mission after a power-on: the saved state (or the previous copy), a fresh one if there is none; then the
 * black box, written before each send, raises the packet counts to the last ones used, so no count repeats even if
 * the program died between a send and a save. With both state copies lost, the black box's last telemetry also
 * gives back the state and the mode.
 */
export function recoverMission(config: FlightConfig, clock: Clock, store: MissionStore, blackBox: BlackBox): Recovery {
  const events: EventBody[] = [];
  const problems: string[] = [];
  let state: PersistedMission;
  const loaded = store.load(config.teamId);
  if (loaded.kind === 'restored') {
    state = loaded.state;
    state.resets++;
    if (loaded.problem) problems.push(`mission state: ${loaded.problem}; restored the previous copy`);
    events.push({ event: 'RESET_RECOVERED', state: state.mission.state, subject: 'MISSION', value: state.resets });
  } else {
    state = freshState(config, clock.now());
    if (loaded.kind === 'unreadable') problems.push(`mission state unreadable (${loaded.problem}); recovering from the black box`);
  }
  try {
    const torn = blackBox.repair();
    if (torn > 0) problems.push(`black box: cut a torn last record of ${torn} bytes`);
    recoverCounts(blackBox.path, state, loaded.kind === 'unreadable');
  } catch (error) {
    problems.push(`black box unreadable: ${String(error)}`);
  }
  problems.forEach((_, i) => events.push({ event: 'FAULT', state: state.mission.state, subject: 'STORAGE', value: i + 1 }));
  return { state, events, problems };
}

function recoverCounts(path: string, state: PersistedMission, restoreMission: boolean): void {
  const counts: Partial<Record<RecordKind, number>> = {};
  let lastTelemetry: Uint8Array | null = null;
  for (const record of BlackBox.read(path).records) {
    counts[record.kind] = Math.max(counts[record.kind] ?? 0, record.packetCount);
    if (record.kind === 'telemetry') lastTelemetry = record.bytes;
  }
  state.packetCount = Math.max(state.packetCount, counts.telemetry ?? 0);
  state.eventCount = Math.max(state.eventCount, counts.event ?? 0);
  state.ackCount = Math.max(state.ackCount, counts.ack ?? 0);
  if (restoreMission && lastTelemetry !== null) {
    const result = deframe(lastTelemetry);
    if (result.status === 'ok' && result.message.type === 'telemetry') {
      state.mission.state = result.message.state;
      state.mode = result.message.mode;
      state.telemetryOn = true;
    }
  }
}
