export * from './profile.ts';
export * from './profiles.ts';
export * from './telemetry-line.ts';
export * from './command-line.ts';
export * from './sim-pressure-file.ts';
