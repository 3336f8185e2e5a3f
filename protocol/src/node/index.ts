/** Node-only parts of @cansat/protocol: byte streams, command signing (node:crypto), atomic file writes. */
export * from './frame-decoder-stream.ts';
export * from './command-signing.ts';
export * from './line-decoder-stream.ts';
export * from './atomic-file.ts';
export * from './cli-options.ts';
export * from './team-layout-file.ts';
export * from './xbee-api-stream.ts';
