import { Type, type Static } from '@sinclair/typebox';

/** Topics of the ground-station network, version 1: per team, per station. */
export const TOPIC_ROOT = 'cansat/v1';

/** Where a station publishes what it heard of a team's CanSat. */
export const receptionTopic = (teamId: number, stationId: string) => `${TOPIC_ROOT}/${teamId}/rx/${stationId}`;
/** Where a station says it is there (retained; its last will says it is gone). */
export const presenceTopic = (teamId: number, stationId: string) => `${TOPIC_ROOT}/${teamId}/status/${stationId}`;

/** Where the hub says it is listening (retained; its last will says it is gone). */
export const HUB_TOPIC = `${TOPIC_ROOT}/hub/status`;

/** The hub's presence: stations publish only while one listens, and keep their receptions on disk otherwise. */
export const HubPresence = Type.Object({ v: Type.Literal(1), online: Type.Boolean(), at: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type HubPresence = Static<typeof HubPresence>;

/** A station id: letters, digits, `-` and `_`, so it is one topic level and one file name. */
export const StationId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });

/** How a station's clock is set: by GPS, by NTP, or not at all (its times are then trusted least). */
export const ClockSource = Type.Union([Type.Literal('gps'), Type.Literal('ntp'), Type.Literal('free')]);

/**
 * One frame as a station heard it: the frame's bytes exactly as received (before decoding, base64), and the
 * reception's metadata, which is never part of the frame's identity.
 */
export const Reception = Type.Object(
  {
    v: Type.Literal(1),
    station: StationId,
    /** µs since the epoch, the station's clock. */
    receivedAt: Type.Integer({ minimum: 0 }),
    clock: ClockSource,
    /** Whether the station's own decoder accepted the frame (a damaged one is published too: another may fix it). */
    decoded: Type.Boolean(),
    /** Signal strength in dBm, where the radio gives one. */
    rssi: Type.Optional(Type.Number()),
    /** Published late, from the station's store while the broker was unreachable. */
    backfill: Type.Boolean(),
    frame: Type.String({ contentEncoding: 'base64', maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type Reception = Static<typeof Reception>;

/** A station's presence: online with its figures every 10 s, offline from its last will or a clean stop. */
export const Presence = Type.Object(
  {
    v: Type.Literal(1),
    station: StationId,
    online: Type.Boolean(),
    /** ms since the epoch, the station's clock. */
    at: Type.Integer({ minimum: 0 }),
    heard: Type.Integer({ minimum: 0 }),
    rejected: Type.Integer({ minimum: 0 }),
    /** Receptions waiting in the station's store for the broker. */
    queued: Type.Integer({ minimum: 0 }),
    position: Type.Optional(Type.Object({ latitude: Type.Number(), longitude: Type.Number(), altitude: Type.Optional(Type.Number()) })),
  },
  { additionalProperties: false },
);
export type Presence = Static<typeof Presence>;
