/** @cansat/ground: the ground station. */
export * from './ground-station.ts';
export * from './live-ground.ts';
export * from './receiver/link-stats.ts';
export * from './receiver/ports.ts';
export * from './receiver/serial-receiver.ts';
export * from './recorder/raw-log.ts';
export * from './recorder/csv-recorder.ts';
export * from './recorder/session.ts';
export * from './server/ground-server.ts';
export * from '@cansat/protocol/station';
export * from './uplink/command-uplink.ts';
export * from './uplink/counter-store.ts';
export * from './uplink/sim-file.ts';
export * from './uplink/sim-player.ts';
export * from './replay/recording.ts';
export * from './replay/replay-engine.ts';
export * from './replay/replay-ground.ts';
