import { generateKeyPairSync } from 'node:crypto';
import { createBusinessCentralSimulator } from './business-central/index.ts';
import { createNetsuiteSimulator } from './netsuite/index.ts';
import { createOracleFusionSimulator, ORACLE_SIMULATOR_USER } from './oracle-fusion/index.ts';
import { createSapS4hanaSimulator, SAP_SIMULATOR_USER } from './sap-s4hana/index.ts';
import { startSimulator, type FaultKind, type FaultPlan, type RunningSimulator, type VendorSimulator } from './simulator-server.ts';
import { createXeroSimulator } from './xero/index.ts';

/** The ERP vendors a sandbox simulates: the connector kinds of `ERP_CONNECTORS`. */
export const SANDBOX_VENDORS = ['netsuite', 'xero', 'business_central', 'sap_s4hana', 'oracle_fusion'] as const;

/** A connector kind a sandbox exists for. */
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number];

/** The faults a sandbox can inject (`--fault <kind>=<rate>`); `none` only makes sense in a script. */
export const SANDBOX_FAULT_KINDS: readonly FaultKind[] = ['serverError', 'rateLimited', 'timeout', 'reset', 'lostResponse', 'slow', 'malformed'];

/** True for one of {@link SANDBOX_VENDORS}. */
export function isSandboxVendor(kind: string): kind is SandboxVendor {
  return (SANDBOX_VENDORS as readonly string[]).includes(kind);
}

export interface SandboxOptions {
  /** Port to listen on; 0 (default) takes any free port. */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1: nothing outside this machine reaches it). */
  readonly host?: string;
  /** Latency added to every answer, ms. */
  readonly latencyMs?: number;
  /** Requests at once before the vendor's limit error; 0 = unlimited. */
  readonly concurrencyLimit?: number;
  readonly faults?: FaultPlan;
}

/** A running vendor simulator and exactly what a connection to it needs. */
export interface Sandbox {
  readonly kind: SandboxVendor;
  readonly simulator: RunningSimulator;
  readonly baseUrl: string;
  /** The connector's credentials for this simulator (the vault secret's fields). */
  readonly credentials: Readonly<Record<string, string>>;
  /** The connector's settings for this simulator (the connection's `settings`). */
  readonly settings: Readonly<Record<string, string>>;
  /** What the simulator refuses as unknown, in words (for people trying refusals by hand). */
  readonly refuses: string;
  close(): Promise<void>;
}

interface Profile {
  readonly vendor: VendorSimulator;
  readonly credentials: Record<string, string>;
  readonly settings: Record<string, string>;
  readonly refuses: string;
}

/**
 * The simulator of each vendor as its connector's schemas expect it. Secrets are the
 * simulators' own defaults, except NetSuite's: its M2M login is a signed JWT, so every
 * sandbox gets a fresh RSA key pair — the simulator holds the public key, the credentials
 * the PEM private key.
 */
const PROFILES: Record<SandboxVendor, () => Profile> = {
  netsuite() {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientId = 'invoiceops-sandbox-client';
    const certificateId = 'invoiceops-sandbox-certificate';
    return {
      vendor: createNetsuiteSimulator({ clientId, certificateId, publicKey: keys.publicKey }),
      credentials: { clientId, certificateId, privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      settings: { accountId: 'SANDBOX', signingAlgorithm: 'PS256' },
      refuses: 'the id 9999 for a customer, subsidiary, item, tax code or segment',
    };
  },
  xero() {
    const options = { clientId: 'invoiceops-sandbox-client', clientSecret: 'invoiceops-sandbox-secret', tenantId: '7d3a0f55-1f3e-4c1b-9a3e-5a9f0c2b6e11' };
    return {
      vendor: createXeroSimulator(options),
      credentials: { clientId: options.clientId, clientSecret: options.clientSecret },
      settings: { tenantId: options.tenantId },
      refuses: 'the code 9999 for a contact, account, item or tax type',
    };
  },
  business_central() {
    const vendor = createBusinessCentralSimulator();
    return {
      vendor,
      credentials: { clientId: vendor.clientId, clientSecret: vendor.clientSecret },
      settings: { tenant: vendor.tenant, environment: vendor.environment, companyId: vendor.companyId },
      refuses: 'the number 9999 for a customer, item or G/L account',
    };
  },
  sap_s4hana() {
    return {
      vendor: createSapS4hanaSimulator(),
      credentials: { username: SAP_SIMULATOR_USER.username, password: SAP_SIMULATOR_USER.password },
      // Company codes 1010, 1710 and 2010 exist; the setting wins over the mapped entity.
      settings: { companyCode: '1010' },
      refuses: 'customer 9999 and G/L account 999999',
    };
  },
  oracle_fusion() {
    return {
      vendor: createOracleFusionSimulator(),
      credentials: { username: ORACLE_SIMULATOR_USER.username, password: ORACLE_SIMULATOR_USER.password },
      settings: { businessUnit: 'Vision Operations', transactionSource: 'Manual-NES' },
      refuses: 'customer account 9999',
    };
  },
};

/**
 * Starts the simulator of `kind` on the harness (`startSimulator`: latency, a concurrency
 * limit answered with the vendor's own limit error, fault injection, `/__sim` control
 * endpoints) and returns it with the credentials and settings its connector accepts —
 * what `invoiceops sandbox erp <vendor>` prints and `connectSandboxErp` stores.
 */
export async function startSandbox(kind: SandboxVendor, options: SandboxOptions = {}): Promise<Sandbox> {
  if (!isSandboxVendor(kind)) throw new Error(`unknown ERP vendor "${String(kind)}"; known: ${SANDBOX_VENDORS.join(', ')}`);
  const profile = PROFILES[kind]();
  const simulator = await startSimulator(
    profile.vendor,
    { latencyMs: options.latencyMs ?? 0, concurrencyLimit: options.concurrencyLimit ?? 0, ...(options.faults ? { faults: options.faults } : {}) },
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  return {
    kind,
    simulator,
    baseUrl: simulator.url,
    credentials: profile.credentials,
    settings: profile.settings,
    refuses: profile.refuses,
    close: () => simulator.close(),
  };
}
