/** @cansat/protocol/network: the contracts of the ground-station network (topics, receptions, presence). */
export * from './reception.ts';
