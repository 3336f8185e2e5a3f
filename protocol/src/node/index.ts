/** Node-only parts of @cansat/protocol: byte streams and command signing (node:crypto). */
export * from './frame-decoder-stream.ts';
export * from './command-signing.ts';
export * from './line-decoder-stream.ts';
