import { businessCentralConnector } from './business-central/index.ts';
import type { ErpConnectorDefinition } from './connector-definition.ts';
import { netsuiteConnector } from './netsuite/index.ts';
import { oracleFusionConnector } from './oracle-fusion/index.ts';
import { sapS4hanaConnector } from './sap-s4hana/index.ts';
import { xeroConnector } from './xero/index.ts';

/** The ERP connector kinds this installation has, by kind (docs/erp-connectors.md). */
export const ERP_CONNECTORS: ReadonlyMap<string, ErpConnectorDefinition> = new Map(
  [netsuiteConnector, businessCentralConnector, sapS4hanaConnector, oracleFusionConnector, xeroConnector].map((d) => [d.kind, d]),
);

export type { ErpConnectionConfig, ErpConnectorDefinition, ErpVendorLimits } from './connector-definition.ts';
export { classifyHttpFailure, erpFetch, retryAfterMs, type ErpResponse } from './http/erp-http.ts';
