import type { Event } from '@cansat/protocol';
import type { MessageKey, Translator } from '@cansat/protocol/i18n';
import type { PhysicsView } from './flight-physics.ts';

/** One line of the mission timeline. */
export interface TimelineEntry {
  /** The CanSat's mission time, ms. */
  missionTime: number;
  /** An event's name, STATE_SEEN for a state known only from telemetry, STATE_PHYSICS for one only the physics shows. */
  kind: string;
  text: string;
}

/** The words of each source of heights (the report's). */
const SOURCES: Record<NonNullable<PhysicsView['source']>, MessageKey> = { pressure: 'report.sourcePressure', altitude: 'report.sourceAltitude', gps: 'report.sourceGps' };

/**
 * The mission timeline: the CanSat's events, plus every state change seen in telemetry that no event announced.
 * An event frame can be lost (the radio, a station down at the time) and the AAS formats carry no events at all;
 * the telemetry's STATE column still says when each state began, to within a packet.
 */
export function timelineEntries(events: readonly { data: Event }[], states: readonly (string | null)[], missionTimes: ArrayLike<number>, words: Pick<Translator, 't'>, physics: PhysicsView | null = null): TimelineEntry[] {
  const entries: TimelineEntry[] = events.map(({ data: e }) => {
    const text = e.event === 'STATE_CHANGE' ? e.state : `${e.event} ${e.subject}`;
    return { missionTime: e.missionTime, kind: e.event, text: e.event === 'RESET_RECOVERED' ? words.t('timeline.reset', { text, value: String(e.value) }) : text };
  });
  const announced = new Set<string>(events.flatMap(({ data: e }) => (e.event === 'STATE_CHANGE' ? [e.state] : [])));
  // The first row's state counts too unless it is the pad's: telemetry may begin after the launch (CX ON late).
  let previous: string | null = 'LAUNCH_PAD';
  for (let i = 0; i < states.length; i++) {
    const state = states[i] ?? null;
    if (state === null) continue;
    if (state !== previous && !announced.has(state)) {
      announced.add(state);
      entries.push({ missionTime: missionTimes[i]!, kind: 'STATE_SEEN', text: words.t('timeline.seen', { state }) });
    }
    previous = state;
  }
  // The states the team's software never said, from the physics (a state machine stuck on the pad), said as such.
  if (physics?.source) {
    const source = words.t(SOURCES[physics.source]);
    for (const { state, missionTime } of physics.states) {
      if (announced.has(state) || state === 'LAUNCH_PAD') continue;
      announced.add(state);
      const text = state === 'APOGEE' && physics.apogee ? words.t('timeline.apogeeFromPhysics', { height: physics.apogee.height.toFixed(0), source }) : words.t('timeline.fromPhysics', { state, source });
      entries.push({ missionTime, kind: 'STATE_PHYSICS', text });
    }
  }
  // Stable: an event and a state seen at the same time keep their order.
  return entries.sort((a, b) => a.missionTime - b.missionTime);
}
