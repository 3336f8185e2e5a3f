export * from './frames.ts';
export * from './codec.ts';
export * from './deframer.ts';
export * from './transmit.ts';
