/**
 * The messages between a station (a ground station, a replay, and the hub to come) and the dashboards, one JSON
 * object per WebSocket message (and, after each hello, one binary message with the flight's numbers: see
 * TelemetryHistory in history.ts). Browser-safe: the dashboard reads them through `@cansat/protocol/station`.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { Command } from '../commands.ts';
import { Event, Telemetry } from '../messages/index.ts';
import { TelemetryHistory } from './history.ts';

/** How the link from the CanSat is doing. */
export const LinkStats = Type.Object({
  /** The radio (or the replay source) is open. */
  connected: Type.Boolean(),
  source: Type.String({ description: 'Serial port path, or the file being replayed' }),
  bytes: Type.Integer(),
  framesReceived: Type.Integer(),
  /** Gaps in the packet counts. */
  framesLost: Type.Integer(),
  rejected: Type.Record(Type.String(), Type.Integer(), { description: 'Frames or lines thrown away, by reason' }),
  /** Telemetry frames per second over the last 10 s. */
  frameRate: Type.Number(),
  /** ms since the epoch, of the last good frame. */
  lastFrameAt: Type.Union([Type.Number(), Type.Null()]),
  /** The link is stale after twice the expected telemetry period without a frame. */
  stale: Type.Boolean(),
  expectedPeriodMs: Type.Number(),
  /** Writes to the recording that failed (a full disk, say): reception goes on, but a crew must look. */
  recordErrors: Type.Integer({ minimum: 0 }),
  /** Messages not sent to a viewer too far behind (a slow laptop), so that the others never wait for it. */
  viewerSkips: Type.Integer({ minimum: 0 }),
  /** dBm of the last packet, from an XBee in API mode (its receive frames carry it); null in transparent mode. */
  rssi: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  /** dBm: the ground radio's sensitivity (its datasheet's, for --radio-module), what the RSSI's margin is above. */
  sensitivityDbm: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});
export type LinkStats = Static<typeof LinkStats>;

/** A command the ground sent, and what became of it. */
export const CommandStatus = Type.Object({
  id: Type.String(),
  command: Command,
  state: Type.Union([
    Type.Literal('sent'),
    Type.Literal('acked'),
    Type.Literal('echoed'),
    Type.Literal('rejected'),
    Type.Literal('timeout'),
    Type.Literal('failed'),
  ]),
  /** The CanSat's ack result, or why it failed here. */
  detail: Type.Union([Type.String(), Type.Null()]),
  counter: Type.Union([Type.Integer(), Type.Null()]),
  sentAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type CommandStatus = Static<typeof CommandStatus>;

/** A replay's position and controls. */
export const ReplayStatus = Type.Object({
  source: Type.String(),
  /** The recordings the server can replay (names to open), when it was given a folder. */
  recordings: Type.Array(Type.String()),
  playing: Type.Boolean(),
  /** Playback speed, 0.25 to 64; 0 means as fast as possible. */
  speed: Type.Number(),
  /** ms from the start of the recording. */
  position: Type.Number(),
  duration: Type.Number(),
  finished: Type.Boolean(),
});
export type ReplayStatus = Static<typeof ReplayStatus>;

/** The simulated-pressure player's progress. */
export const SimPlayerStatus = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('waiting'), Type.Literal('playing'), Type.Literal('paused'), Type.Literal('done'), Type.Literal('stopped')]),
  sent: Type.Integer(),
  total: Type.Integer(),
  detail: Type.String(),
});
export type SimPlayerStatus = Static<typeof SimPlayerStatus>;

/** The judges' simulated-pressure file the SIMP player holds, for the operator to check before starting it. */
export const SimFileInfo = Type.Object({
  name: Type.String(),
  /** The number of SIMP lines (one a second). */
  pressures: Type.Integer({ minimum: 1 }),
  /** m above the first pressure by the standard atmosphere, one per SIMP line. */
  profile: Type.Array(Type.Number()),
});
export type SimFileInfo = Static<typeof SimFileInfo>;

/** One ground station of the network as the hub sees it (ground/README.md: the network). */
export const NetworkStation = Type.Object({
  station: Type.String(),
  heard: Type.Integer({ minimum: 0 }),
  /** Frames no other station heard. */
  unique: Type.Integer({ minimum: 0 }),
  /** Telemetry packets missing from its own receptions. */
  lost: Type.Integer({ minimum: 0 }),
  clockOffsetMs: Type.Union([Type.Number(), Type.Null()]),
  latencyMs: Type.Union([Type.Number(), Type.Null()]),
  clock: Type.Union([Type.Literal('gps'), Type.Literal('ntp'), Type.Literal('free'), Type.Null()]),
  /** From its presence messages; null before the first. */
  online: Type.Union([Type.Boolean(), Type.Null()]),
  /** Where it stands, when it says (its presence's position). */
  position: Type.Optional(Type.Object({ latitude: Type.Number(), longitude: Type.Number() })),
  /** dBm of its last reception, where its radio gives one (XBee API mode). */
  rssi: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});
export type NetworkStation = Static<typeof NetworkStation>;

/** The network's view of a merged flight: each station, and what the merge lost. */
export const NetworkStatus = Type.Object({ stations: Type.Array(NetworkStation), mergedLost: Type.Integer({ minimum: 0 }) });
export type NetworkStatus = Static<typeof NetworkStatus>;

/** A place on the ground, WGS 84 degrees. */
export const GroundPosition = Type.Object({ latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }) });
export type GroundPosition = Static<typeof GroundPosition>;

/** What the dashboard's map has: map tiles from the station's own folder (the field has no internet), and where the station stands. */
export const MapSetup = Type.Object({
  tiles: Type.Union([
    Type.Object({
      /** Leaflet's URL template, served by the station: `/tiles/{z}/{x}/{y}.png`. */
      url: Type.String(),
      minZoom: Type.Integer({ minimum: 0, maximum: 22 }),
      maxZoom: Type.Integer({ minimum: 0, maximum: 22 }),
      /** The tile provider's credit, shown on the map as its terms require. */
      attribution: Type.String(),
    }),
    Type.Null(),
  ]),
  station: Type.Union([GroundPosition, Type.Null()]),
});
export type MapSetup = Static<typeof MapSetup>;

const Bounds = Type.Object({ min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) }, { additionalProperties: false });

/** Yellow and red alarm bounds per telemetry field, set by the ground crew (`cansat-ground live --limits`). */
export const AlarmLimits = Type.Record(Type.String(), Type.Object({ yellow: Type.Optional(Bounds), red: Type.Optional(Bounds) }, { additionalProperties: false }));
export type AlarmLimits = Static<typeof AlarmLimits>;

/** Everything a viewer needs on connecting: who it is, what the station does, and the whole flight so far. */
export const Hello = Type.Object({
  type: Type.Literal('hello'),
  role: Type.Union([Type.Literal('viewer'), Type.Literal('operator')]),
  teamId: Type.Integer(),
  wireFormat: Type.String({ description: 'binary, or aas-<year>' }),
  mode: Type.Union([Type.Literal('live'), Type.Literal('replay')]),
  session: Type.Union([Type.String(), Type.Null()], { description: 'The recording folder, live' }),
  telemetry: TelemetryHistory,
  events: Type.Array(Type.Object({ receivedAt: Type.Number(), data: Event })),
  commands: Type.Array(CommandStatus),
  link: LinkStats,
  replay: Type.Union([ReplayStatus, Type.Null()]),
  simPlayer: SimPlayerStatus,
  simFile: Type.Union([SimFileInfo, Type.Null()]),
  /** Alarm bounds that replace the dashboard's defaults, field by field. */
  limits: AlarmLimits,
  map: MapSetup,
  /** At a hub: the stations that heard the flight; null at a team's own station. */
  network: Type.Union([NetworkStatus, Type.Null()]),
  /** The ground radio in XBee API mode, for the link budget the dashboard holds the RSSI against; absent otherwise. */
  radio: Type.Optional(Type.Object({ module: Type.String(), antennaDbi: Type.Number(), cableDb: Type.Number() })),
});
export type Hello = Static<typeof Hello>;

/** Every error code a station answers with; ground/README.md says what each means. */
export const ERROR_CODES = ['malformed', 'too-large', 'flood', 'unauthorised', 'bad-token', 'needs-confirmation', 'radio-down', 'no-key', 'not-available', 'out-of-range'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCode = Type.Union(ERROR_CODES.map((code) => Type.Literal(code))) as unknown as TUnion<TLiteral<ErrorCode>[]>;

/** What the server sends. */
export const ServerMessage = Type.Union([
  Hello,
  Type.Object({ type: Type.Literal('telemetry'), receivedAt: Type.Number(), replay: Type.Boolean(), data: Telemetry, rssi: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'dBm of the packet, from an XBee in API mode' })) }),
  Type.Object({ type: Type.Literal('event'), receivedAt: Type.Number(), replay: Type.Boolean(), data: Event }),
  Type.Object({ type: Type.Literal('link'), stats: LinkStats }),
  Type.Object({ type: Type.Literal('command'), status: CommandStatus }),
  Type.Object({ type: Type.Literal('replay'), status: ReplayStatus }),
  Type.Object({ type: Type.Literal('sim-player'), status: SimPlayerStatus }),
  Type.Object({ type: Type.Literal('network'), status: NetworkStatus }),
  Type.Object({ type: Type.Literal('role'), role: Type.Union([Type.Literal('viewer'), Type.Literal('operator')]) }),
  Type.Object({ type: Type.Literal('error'), code: ErrorCode, message: Type.String(), id: Type.Optional(Type.String()) }),
]);
export type ServerMessage = Static<typeof ServerMessage>;

/** What a dashboard may send. */
export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('auth'), token: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('command'),
      id: Type.String({ minLength: 1, maxLength: 64 }),
      command: Command,
      /** Hazardous commands (MEC, SIM ACTIVATE, CAL after launch) need it. */
      confirm: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('replay'),
      action: Type.Union([Type.Literal('play'), Type.Literal('pause'), Type.Literal('step'), Type.Literal('seek'), Type.Literal('speed'), Type.Literal('open')]),
      value: Type.Optional(Type.Number()),
      /** The recording to open (one of ReplayStatus.recordings). */
      file: Type.Optional(Type.String({ maxLength: 300 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('sim-player'), action: Type.Union([Type.Literal('start'), Type.Literal('pause'), Type.Literal('resume'), Type.Literal('stop')]) },
    { additionalProperties: false },
  ),
]);
export type ClientMessage = Static<typeof ClientMessage>;
