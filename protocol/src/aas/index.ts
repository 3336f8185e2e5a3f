export * from './profile.ts';
export * from './profiles.ts';
export * from './telemetry-line.ts';
export * from './command-line.ts';
export * from './sim-pressure-file.ts';
export * from './column-names.ts';
export * from './team-layout.ts';
export * from './state-names.ts';
