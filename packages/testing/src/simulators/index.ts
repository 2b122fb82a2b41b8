/**
 * Contract simulators of the ERPs' APIs on one harness (latency, limits, fault injection,
 * `/__sim` control endpoints), sandbox profiles that start them with credentials their
 * connectors accept, and a helper that connects invoiceops to a sandbox.
 */
export {
  startSimulator, type FaultKind, type FaultPlan, type RunningSimulator, type SimRequest, type SimResponse, type SimulatorOptions, type VendorSimulator,
} from './simulator-server.ts';
export * from './netsuite/index.ts';
export * from './xero/index.ts';
export * from './business-central/index.ts';
export * from './sap-s4hana/index.ts';
export * from './oracle-fusion/index.ts';
export { SANDBOX_FAULT_KINDS, SANDBOX_VENDORS, isSandboxVendor, startSandbox, type Sandbox, type SandboxOptions, type SandboxVendor } from './sandbox.ts';
export { sandboxConnectionBody, sandboxConnectionName, sandboxSecretBody, type SandboxConnectionLimits } from './sandbox-connection.ts';
export { connectSandboxErp, type ConnectSandboxErpOptions, type SandboxErpConnection } from './connect-sandbox-erp.ts';
