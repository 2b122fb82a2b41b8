export { createNetsuiteSimulator, type NetsuiteSimRecord, type NetsuiteSimulator, type NetsuiteSimulatorOptions } from './netsuite-simulator.ts';
export type { NetsuiteKnownIds } from './validate-netsuite-record.ts';
