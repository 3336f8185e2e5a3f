import type { Event } from '@cansat/protocol';
import type { Translator } from '@cansat/protocol/i18n';

/** One line of the mission timeline. */
export interface TimelineEntry {
  /** The CanSat's mission time, ms. */
  missionTime: number;
  /** An event's name, or STATE_SEEN for a state known only from telemetry. */
  kind: string;
  text: string;
}

/**
 * The mission timeline: the CanSat's events, plus every state change seen in telemetry that no event announced.
 * An event frame can be lost (the radio, a station down at the time) and the AAS formats carry no events at all;
 * the telemetry's STATE column still says when each state began, to within a packet.
 */
export function timelineEntries(events: readonly { data: Event }[], states: readonly (string | null)[], missionTimes: ArrayLike<number>, words: Pick<Translator, 't'>): TimelineEntry[] {
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
  // Stable: an event and a state seen at the same time keep their order.
  return entries.sort((a, b) => a.missionTime - b.missionTime);
}
