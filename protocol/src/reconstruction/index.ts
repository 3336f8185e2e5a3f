export * from './height.ts';
export * from './flights.ts';
export * from './segments.ts';
export * from './reconstruct.ts';
