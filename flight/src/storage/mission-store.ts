import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { readFileSync } from 'node:fs';
import { COMMAND_ECHOES, MISSION_STATES, MODES } from '@cansat/protocol';
import { writeFileAtomic } from '@cansat/protocol/node';

const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

const Hold = Type.Union([Type.Object({ since: Type.Number(), samples: Type.Integer({ minimum: 1 }) }), Type.Null()]);

/** Everything a processor reset must not lose, as written to `mission.json`. */
export const PersistedMission = Type.Object(
  {
    /** 2: the mission's persistence is kept as times, not sample counts. */
    version: Type.Literal(2),
    teamId: Type.Integer(),
    /** Telemetry packets sent so far. */
    packetCount: Type.Integer({ minimum: 0 }),
    eventCount: Type.Integer({ minimum: 0 }),
    ackCount: Type.Integer({ minimum: 0 }),
    /** Mission time (ms) at clock time `clockAt` (ms); mission time runs on from there. */
    timeBase: Type.Object({ missionTime: Type.Number(), clockAt: Type.Number(), utc: Type.Boolean() }),
    reference: Type.Union([Type.Object({ pressure: Type.Number({ exclusiveMinimum: 0 }), temperature: Type.Number({ exclusiveMinimum: 0 }) }), Type.Null()]),
    mission: Type.Object({
      state: literals(MISSION_STATES),
      peakAltitude: Type.Number(),
      /** The mission's conditions that hold (since a clock time, s, over so many samples), and when the state was entered. */
      next: Hold,
      landed: Hold,
      ballistic: Hold,
      enteredAt: Type.Union([Type.Number(), Type.Null()]),
      parachuteFired: Type.Boolean(),
    }),
    mode: literals(MODES),
    simulation: literals(['off', 'enabled', 'activated'] as const),
    telemetryOn: Type.Boolean(),
    telemetryHz: Type.Integer({ minimum: 1, maximum: 10 }),
    lastCommandCounter: Type.Integer({ minimum: 0 }),
    cmdEcho: Type.Union([literals(COMMAND_ECHOES), Type.Null()]),
    /** Actuator outputs, restored after a reset (a released payload stays released). */
    outputs: Type.Record(Type.String(), Type.Boolean()),
    resets: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type PersistedMission = Static<typeof PersistedMission>;

/** What loading found. */
export type LoadResult =
  | { kind: 'fresh' }
  | { kind: 'restored'; state: PersistedMission; from: 'current' | 'previous'; problem?: string }
  | { kind: 'unreadable'; problem: string };

/** The mission's persisted state: written atomically, read back with a fallback to the previous copy. */
export class MissionStore {
  constructor(readonly path: string) {}

  save(state: PersistedMission): void {
    writeFileAtomic(this.path, `${JSON.stringify(state)}\n`, { keepPrevious: true });
  }

  /** Loads the state; a corrupt current file falls back to the previous one, and both problems are reported. */
  load(teamId: number): LoadResult {
    const current = this.read(this.path, teamId);
    if (current.ok) return { kind: 'restored', state: current.state, from: 'current' };
    const previous = this.read(`${this.path}.prev`, teamId);
    if (previous.ok) return { kind: 'restored', state: previous.state, from: 'previous', problem: current.problem };
    if (current.problem === 'missing' && previous.problem === 'missing') return { kind: 'fresh' };
    return { kind: 'unreadable', problem: `${this.path}: ${current.problem}; ${this.path}.prev: ${previous.problem}` };
  }

  private read(path: string, teamId: number): { ok: true; state: PersistedMission } | { ok: false; problem: string } {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      return { ok: false, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : String(error) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
    json = fromVersion1(json);
    const error = Value.Errors(PersistedMission, json).First();
    if (error !== undefined) return { ok: false, problem: `${error.path || '/'} ${error.message}` };
    const state = json as PersistedMission;
    // Another team's state file (a card moved between CanSats) must not steer this mission.
    if (state.teamId !== teamId) return { ok: false, problem: `it belongs to team ${state.teamId}` };
    return { ok: true, state };
  }
}

/**
 * A state file written by a kit that counted samples (version 1) becomes version 2: the same mission, with its
 * conditions starting afresh (at worst a transition waits `persist` seconds longer).
 */
function fromVersion1(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || (json as { version?: unknown }).version !== 1) return json;
  const old = json as { mission?: Record<string, unknown> };
  if (typeof old.mission !== 'object' || old.mission === null) return json;
  const { streak: _s, landedStreak: _l, ballisticStreak: _b, ...mission } = old.mission;
  return { ...old, version: 2, mission: { ...mission, next: null, landed: null, ballistic: null, enteredAt: null } };
}
