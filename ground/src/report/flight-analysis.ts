import { MISSION_STATES, reconstructFlight, type Event, type HeightSource, type MissionState, type Reconstruction, type Segment, type Telemetry } from '@cansat/protocol';
import type { CommandStatus } from '@cansat/protocol/station';
import { translatorFor, type MessageKey, type Params, type Translator } from '@cansat/protocol/i18n';
import { replayTimes } from '../replay/timeline.ts';

/** One flight as the report reads it: its telemetry and events in order, and what the station knew about it. */
export interface FlightRecord {
  /** What the report calls it: the recording's folder or file name. */
  name: string;
  teamId: number;
  /** ms since the epoch of the first row, when the recording knows the date; null for a file with times of day only. */
  startedAt: number | null;
  rows: { receivedAt: number; data: Telemetry }[];
  /** Each row's RSSI, dBm, from a ground radio in XBee API mode; absent or null where there was none. */
  rssi?: (number | null)[];
  events: { receivedAt: number; data: Event }[];
  /** Frames the station counted lost (gaps in the packet counts), as it counted them. */
  framesLost: number;
  /** The command history of a kit session (commands.jsonl), or null when the recording has none. */
  commands: CommandStatus[] | null;
  /** Flown with the kit (a raw log or a CSV a kit station wrote): its mission rule applies. */
  kit: boolean;
}

/** Limits the report checks a flight against: the team's guide revision (a JSON file), or the kit's defaults. */
export interface MissionLimits {
  /** Where the limits come from, said in the report. */
  source: string;
  /** The release rule: at this fraction of the peak altitude, within `tolerance` (a fraction too). */
  release: { fraction: number; tolerance: number } | null;
  /** Descent rate (m/s, positive down) of each phase, by the state that starts it. */
  descent: Partial<Record<'APOGEE' | 'PROBE_RELEASE' | 'PAYLOAD_RELEASE', { min: number; max: number }>>;
  /** Fastest touchdown, m/s. */
  landingSpeed: { max: number } | null;
}

/** The kit's own mission rule (release at 80 % of the peak, as the 2026 guide has it); no descent-rate limits of its own. */
export const KIT_LIMITS: MissionLimits = { source: "the kit's mission defaults (release at 80 % of the peak); a limits file gives your guide's descent rates", release: { fraction: 0.8, tolerance: 0.05 }, descent: {}, landingSpeed: null };

/** For another team's flight: its year's rules are not the kit's, so none is assumed. */
export const NO_LIMITS: MissionLimits = { source: 'none given (another team\'s flight: a limits file gives its guide\'s)', release: null, descent: {}, landingSpeed: null };

/** Faster than any guide's parachute allows: said even without limits. */
const FREE_FALL = 30;

/** A descent phase: from the state that starts it to the next phase or the landing. */
export interface DescentPhase {
  name: string;
  /** The state that starts it. */
  state: 'APOGEE' | 'PROBE_RELEASE' | 'PAYLOAD_RELEASE';
  from: number;
  to: number;
  meanRate: number;
  minRate: number;
  maxRate: number;
  /** Standard deviation of the rate over the phase, m/s. */
  spread: number;
  limit: { min: number; max: number } | null;
  withinLimit: boolean | null;
}

/** Something the data itself shows went wrong, or did otherwise than the team meant. */
export interface Finding {
  kind: Reconstruction['findings'][number]['kind'] | 'reset' | 'gap' | 'no-gps' | 'sensor-dropout' | 'fast-descent';
  /** s since launch (negative: before), or null for the whole flight. */
  at: number | null;
  /** What it is, in English (for scripts); `message` says it in any language (describeFinding). */
  detail: string;
  message: { key: MessageKey; params: Params };
}

/** A part of the log between power cycles, for a person: where it is and what it holds. */
export interface SegmentSummary extends Segment {
  /** s since launch of its first and last rows. */
  fromAt: number;
  toAt: number;
  /** Its rows' packet counts, first and last. */
  packets: { first: number; last: number };
}

/** The figures of a Post-Flight Review. */
export interface FlightAnalysis {
  name: string;
  teamId: number;
  date: string | null;
  /** s from the first row to the last. */
  duration: number;
  /** Seconds of each row since launch (negative on the pad), the same order as the rows. */
  times: number[];
  /** Height of each row above the pad, m, from `heightSource` (filtered, glitches out), null where unknown. */
  height: (number | null)[];
  /** Vertical speed of each row, m/s up, null where there is no height around it. */
  verticalSpeed: (number | null)[];
  /** What every height, the apogee and the landing come from; null when the rows have none of them. */
  heightSource: HeightSource | null;
  /** Why that source, in English. */
  heightSourceWhy: string;
  /** How the times were taken: the mission time, or the rows' order where it sticks or jumps. */
  timeBase: string;
  /** The liftoff, in the rows' seconds from the first row; null when the log holds none (a test, a log that starts in the air). */
  launchAt: number | null;
  /** m above the pad, and where from; null when the log holds none (it ends while climbing, or there is no climb). */
  apogee: { altitude: number; at: number; source: HeightSource } | null;
  /** m above the pad by GPS at the apogee: a cross-check, null without GPS. */
  gpsApogee: number | null;
  ascentSpeed: { mean: number; max: number } | null;
  descent: DescentPhase[];
  release: { altitude: number; at: number; fraction: number; rule: MissionLimits['release']; withinRule: boolean | null } | null;
  landing: { at: number; speed: number; withinLimit: boolean | null } | null;
  /** From the first GPS fix to the last (the landing point, once landed), m and degrees from north. */
  drift: { distance: number; bearing: number } | null;
  /** g */
  peakAcceleration: number | null;
  /** The packets' signal at the ground radio (XBee API mode): dBm, the median and the weakest with its time; null without. */
  signal: { median: number; weakest: number; weakestAt: number } | null;
  packets: { received: number; lost: number; first: number | null; last: number | null };
  commands: { name: string; at: number | null; state: string }[];
  /** The states, as the team's software reported them or (`source` not 'telemetry') as the physics shows them. */
  states: { state: MissionState; at: number; source: 'telemetry' | HeightSource }[];
  /** The log's parts between power cycles; the main flight is in the one that `holds` 'flight'. */
  segments: SegmentSummary[];
  findings: Finding[];
  limits: MissionLimits;
}

const G = 9.806_65;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};

/** Works out a flight's figures and what went wrong, from its rows alone (any team's, any year's), physics first. */
export function analyzeFlight(flight: FlightRecord, given?: MissionLimits): FlightAnalysis {
  const limits = given ?? (flight.kit ? KIT_LIMITS : NO_LIMITS);
  const rows = flight.rows.map((r) => r.data);
  const { times: ms, base } = replayTimes(rows.map((t) => t.missionTime / 1000));
  const seconds = ms.map((t) => t / 1000);
  const physics = reconstructFlight(rows, seconds);
  const found = physics.main === null ? null : physics.flights[physics.main]!;
  const told = stateChanges(rows, seconds);
  const launchAt = found ? (found.liftoff?.at ?? null) : (told.find((s) => s.state === 'ASCENT')?.at ?? null);
  const since = (t: number) => t - (launchAt ?? 0);
  const times = seconds.map(since);
  const height = Array.from(physics.height, (h) => (Number.isFinite(h) ? h : null));
  const speeds = Array.from(physics.speed, (v) => (Number.isFinite(v) ? v : null));
  const source = physics.source;

  const peak: FlightAnalysis['apogee'] = found?.apogee && source ? { altitude: found.apogee.height, at: since(found.apogee.at), source } : null;
  const ascending = found?.liftoff && peak ? (speeds.filter((v, i) => v !== null && times[i]! >= 0 && times[i]! <= peak.at) as number[]) : [];
  const ascentSpeed = ascending.length > 0 ? { mean: peak!.altitude / Math.max(peak!.at, 1), max: Math.max(...ascending) } : null;

  // From here on, every time is since launch. The team's states first; those it never reported, from the physics.
  const marks: FlightAnalysis['states'] = told.map((s) => ({ state: s.state, at: since(s.at), source: 'telemetry' as const }));
  for (const p of physics.states) {
    if (source && !marks.some((m) => m.state === p.state)) marks.push({ state: p.state, at: since(p.at), source });
  }
  marks.sort((a, b) => a.at - b.at || MISSION_STATES.indexOf(a.state) - MISSION_STATES.indexOf(b.state));
  const stateAt = (state: MissionState) => marks.find((s) => s.state === state)?.at;
  const landedAt = found?.landing ? since(found.landing.at) : null;
  const descent = descentPhases(times, speeds, marks, peak, landedAt, limits);

  const releaseAt = stateAt('PROBE_RELEASE');
  let release: FlightAnalysis['release'] = null;
  if (releaseAt !== undefined && peak) {
    const i = times.findIndex((t) => t >= releaseAt);
    const altitude = height[i] ?? null;
    if (altitude !== null) {
      const fraction = altitude / peak.altitude;
      release = { altitude, at: releaseAt, fraction, rule: limits.release, withinRule: limits.release ? Math.abs(fraction - limits.release.fraction) <= limits.release.tolerance : null };
    }
  }
  let landing: FlightAnalysis['landing'] = null;
  if (landedAt !== null) {
    // The touchdown speed: the descent rate in the last 3 s before the landing was seen.
    const before = speeds.filter((v, i) => v !== null && times[i]! <= landedAt && times[i]! > landedAt - 3) as number[];
    const speed = before.length > 0 ? Math.max(...before.map((v) => -v)) : 0;
    landing = { at: landedAt, speed, withinLimit: limits.landingSpeed ? speed <= limits.landingSpeed.max : null };
  }
  const accelerations = rows.flatMap((t) => (t.accelR === null || t.accelP === null || t.accelY === null ? [] : [Math.hypot(t.accelR, t.accelP, t.accelY) / G]));
  const counts = rows.map((t) => t.packetCount);
  const physicsFindings = physics.findings.map((f) => finding(f.kind, f.row === null ? null : times[f.row]!, f.key, f.params));
  return {
    name: flight.name,
    teamId: flight.teamId,
    date: flight.startedAt === null ? null : new Date(flight.startedAt).toISOString().slice(0, 10),
    duration: seconds.at(-1) ?? 0,
    times,
    height,
    verticalSpeed: speeds,
    heightSource: source,
    heightSourceWhy: physics.sourceWhy,
    timeBase: base,
    launchAt,
    apogee: peak,
    gpsApogee: physics.gpsApogee,
    ascentSpeed,
    descent,
    release,
    landing,
    drift: driftOf(rows),
    peakAcceleration: accelerations.length > 0 ? Math.max(...accelerations) : null,
    signal: signalOf(flight.rssi ?? [], times),
    packets: { received: rows.length + flight.events.length, lost: flight.framesLost, first: counts[0] ?? null, last: counts.at(-1) ?? null },
    commands: commandsOf(flight, rows, times),
    states: marks,
    segments: physics.segments.map((segment) => ({ ...segment, fromAt: times[segment.from]!, toAt: times[segment.to]!, packets: { first: counts[segment.from]!, last: counts[segment.to]! } })),
    findings: [
      ...physicsFindings,
      ...dataFindings(flight, rows, times),
      ...descent.filter((p) => p.maxRate > FREE_FALL).map((p) => finding('fast-descent', p.from, 'anomaly.fastDescent', { phase: p.state, max: p.maxRate.toFixed(1), mean: p.meanRate.toFixed(1) })),
    ],
    limits,
  };
}

/** The signal's median and its weakest packet. */
function signalOf(rssi: readonly (number | null)[], times: readonly number[]): FlightAnalysis['signal'] {
  const heard = rssi.flatMap((v, i) => (v === null ? [] : [{ v, at: times[i]! }]));
  if (heard.length === 0) return null;
  const sorted = heard.map((h) => h.v).sort((a, b) => a - b);
  const weakest = heard.reduce((w, h) => (h.v < w.v ? h : w));
  return { median: sorted[Math.floor(sorted.length / 2)]!, weakest: weakest.v, weakestAt: weakest.at };
}

/** From the first fix to the last, on a local flat Earth (a few km). */
function driftOf(rows: Telemetry[]): FlightAnalysis['drift'] {
  const fixes = rows.filter((t) => t.latitude !== null && t.longitude !== null);
  const first = fixes[0];
  const last = fixes.at(-1);
  if (!first || !last) return null;
  const north = (last.latitude! - first.latitude!) * 111_320;
  const east = (last.longitude! - first.longitude!) * 111_320 * Math.cos((first.latitude! * Math.PI) / 180);
  return { distance: Math.hypot(east, north), bearing: ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360 };
}

/** Where each state began (the first row in it), in the rows' seconds. */
function stateChanges(rows: Telemetry[], seconds: number[]): { state: MissionState; at: number }[] {
  const changes: { state: MissionState; at: number }[] = [];
  rows.forEach((t, i) => {
    if (changes.at(-1)?.state !== t.state && !changes.some((c) => c.state === t.state)) changes.push({ state: t.state, at: seconds[i]! });
  });
  return changes;
}

const PHASES: { from: MissionState; name: string; key: keyof MissionLimits['descent'] }[] = [
  { from: 'APOGEE', name: 'from the apogee to the release', key: 'APOGEE' },
  { from: 'PROBE_RELEASE', name: 'after the probe release', key: 'PROBE_RELEASE' },
  { from: 'PAYLOAD_RELEASE', name: 'after the payload release', key: 'PAYLOAD_RELEASE' },
];

/** Each descent phase's rate (2 s settling after its start left out), its spread, and the guide's limit. */
function descentPhases(times: number[], speeds: (number | null)[], states: readonly { state: MissionState; at: number }[], peak: FlightAnalysis['apogee'], landedAt: number | null, limits: MissionLimits): DescentPhase[] {
  if (!peak) return [];
  // The first phase starts at the apogee itself (the state may come a moment later); the others at their state.
  const starts = PHASES.flatMap((p) => {
    const at = p.from === 'APOGEE' ? peak.at : states.find((s) => s.state === p.from)?.at;
    return at === undefined ? [] : [{ ...p, at }];
  });
  const end = landedAt ?? times.at(-1) ?? 0;
  return starts.flatMap((phase, k) => {
    const to = starts[k + 1]?.at ?? end;
    const rates = speeds.flatMap((v, i) => (v !== null && times[i]! >= phase.at + 2 && times[i]! <= to ? [-v] : []));
    if (rates.length < 2) return [];
    const limit = limits.descent[phase.key] ?? null;
    const meanRate = mean(rates);
    return [{ name: phase.name, state: phase.key, from: phase.at, to, meanRate, minRate: Math.min(...rates), maxRate: Math.max(...rates), spread: std(rates), limit, withinLimit: limit ? meanRate >= limit.min && meanRate <= limit.max : null }];
  });
}

/** Commands and their fate: the station's history when the recording has it, else each new echo in telemetry. */
function commandsOf(flight: FlightRecord, rows: Telemetry[], times: number[]): FlightAnalysis['commands'] {
  if (flight.commands) {
    const first = flight.rows[0]?.receivedAt ?? 0;
    const launchShift = times[0]! - 0;
    return flight.commands.map((c) => ({ name: describeCommand(c.command as unknown as Record<string, unknown>), at: (c.sentAt - first) / 1000 + launchShift, state: `${c.state}${c.detail ? ` (${c.detail})` : ''}` }));
  }
  const out: FlightAnalysis['commands'] = [];
  let last: string | null = null;
  rows.forEach((t, i) => {
    if (t.cmdEcho !== null && t.cmdEcho !== last) out.push({ name: t.cmdEcho, at: times[i]!, state: 'echoed in telemetry' });
    last = t.cmdEcho;
  });
  return out;
}

function describeCommand(command: Record<string, unknown>): string {
  return Object.entries(command)
    .map(([k, v]) => (k === 'name' ? String(v) : typeof v === 'boolean' ? (v ? 'ON' : 'OFF') : String(v)))
    .join(' ');
}

const ENGLISH = translatorFor('en');

/** A finding, its message kept to be said in any language, and said in English. */
function finding(kind: Finding['kind'], at: number | null, key: MessageKey, params: Params): Finding {
  const found = { kind, at, detail: '', message: { key, params } };
  return { ...found, detail: describeFinding(found, ENGLISH) };
}

/** A finding in the reader's language (a descent phase named by its own words). */
export function describeFinding(found: Pick<Finding, 'message'>, words: Translator): string {
  const { key, params } = found.message;
  return words.t(key, typeof params['phase'] === 'string' ? { ...params, phase: words.t(`phase.${params['phase']}` as MessageKey) } : params);
}

/** What the rows show beyond the physics: packets lost, the kit's own resets, no GPS, dead sensors. */
function dataFindings(flight: FlightRecord, rows: Telemetry[], times: number[]): Finding[] {
  const found: Finding[] = [];
  for (let i = 1; i < rows.length; i++) {
    const step = rows[i]!.packetCount - rows[i - 1]!.packetCount;
    if (step > 3) found.push(finding('gap', times[i]!, 'anomaly.gap', { missing: String(step - 1), first: String(rows[i - 1]!.packetCount + 1), last: String(rows[i]!.packetCount - 1) }));
  }
  for (const { receivedAt, data } of flight.events) {
    if (data.event === 'RESET_RECOVERED') found.push(finding('reset', null, 'anomaly.resetRecovered', { value: String(data.value), time: new Date(receivedAt).toISOString().slice(11, 19) }));
  }
  if (rows.length > 0 && rows.every((t) => t.latitude === null)) found.push(finding('no-gps', null, 'anomaly.noGps', {}));
  for (const field of ['altitude', 'pressure', 'voltage', 'accelR', 'gyroR'] as const) {
    const missing = rows.filter((t) => t[field] === null).length;
    if (rows.length > 10 && missing > rows.length * 0.1 && missing < rows.length) found.push(finding('sensor-dropout', null, 'anomaly.dropout', { field, missing: String(missing), rows: String(rows.length) }));
  }
  return found;
}

/** The kit's state names in order, for state bands. */
export const STATE_ORDER: readonly MissionState[] = MISSION_STATES;
