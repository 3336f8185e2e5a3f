/**
 * @cansat/protocol/station: what a station (ground station, replay, hub) and its dashboards say to each other over
 * a WebSocket. Browser-safe, like the rest of the protocol's core.
 */
export * from './history.ts';
export * from './messages.ts';
