/** The Oracle Fusion Cloud Financials contract simulator. */
export { createOracleFusionSimulator, ORACLE_SIMULATOR_USER, type OracleFusionSimulator, type OracleFusionSimulatorOptions } from './oracle-fusion-simulator.ts';
export type { SimReceivablesResource, SimReceivablesTransaction } from './receivables-store.ts';
