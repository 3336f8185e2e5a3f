/** @cansat/flight: the mission program that flies on the CanSat. */
export * from './config/flight-config.ts';
export * from './board/clock.ts';
export * from './board/io-plugin.ts';
export * from './board/actuators.ts';
export * from './mission/mission-state.ts';
export * from './sensors/nmea.ts';
export * from './sensors/ina219.ts';
export * from './sensors/sensors.ts';
export * from './storage/black-box.ts';
export * from './storage/mission-store.ts';
export * from './radio/radio.ts';
export * from './radio/xbee-api-radio.ts';
export * from './commands/command-receiver.ts';
export * from './flight-core.ts';
export * from './topology.ts';
