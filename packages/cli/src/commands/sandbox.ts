import type { Command } from 'commander';
import type { FaultKind, Sandbox } from '@invoiceops/testing';
import { createLogger } from '../runtime/logger.ts';
import { onShutdown } from '../runtime/serve-http.ts';

interface SandboxErpOptions {
  port: string;
  latencyMs: string;
  concurrencyLimit: string;
  fault?: string[];
}

/** A whole number within bounds, or one line naming the option. */
function wholeNumber(text: string, option: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > max) throw new Error(`${option} must be a whole number from 0 to ${max}, not "${text}"`);
  return value;
}

/** `serverError=0.1` pairs into fault rates, checked against the kinds the harness injects. */
function faultRates(pairs: readonly string[], kinds: readonly FaultKind[]): Partial<Record<FaultKind, number>> {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const pair of pairs) {
    const [kind = '', rate = ''] = pair.split('=');
    if (!(kinds as readonly string[]).includes(kind)) throw new Error(`unknown fault "${kind}" in --fault ${pair}; faults are ${kinds.join(', ')}`);
    const value = Number(rate);
    if (rate.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`--fault ${pair}: the rate must be a share of requests from 0 to 1, such as ${kind}=0.1`);
    rates[kind as FaultKind] = value;
  }
  return rates;
}

/** A `curl` a user pastes, with its JSON body in a here-document. */
function curl(path: string, body: unknown): string[] {
  return [`curl -X PUT "$API${path}" -H "$AUTH" -H 'content-type: application/json' --data-binary @- <<'JSON'`, JSON.stringify(body, null, 2), 'JSON'];
}

/** What `invoiceops sandbox erp` prints: where the simulator is, how to connect invoiceops to it, and how to steer it. */
function instructions(sandbox: Sandbox, displayName: string, secret: unknown, connection: unknown, name: string, rates: Partial<Record<FaultKind, number>>): string {
  const url = sandbox.baseUrl;
  const faults = Object.entries(rates).map(([kind, rate]) => `${kind}=${rate}`).join(', ');
  return [
    `${displayName} sandbox (kind ${sandbox.kind}) listening on ${url}`,
    '  a simulator of the vendor\'s API on this machine: nothing is sent anywhere else. Ctrl+C stops it.',
    '',
    'Connect invoiceops to it (API: your invoiceops URL, e.g. http://localhost:3000; AUTH: "authorization: Bearer <an admin API key>"):',
    '',
    `1. Store the credentials in the vault (PUT /v1/integrations/secrets/${name}):`,
    ...curl(`/v1/integrations/secrets/${name}`, secret),
    '',
    `2. Create the connection (PUT /v1/integrations/connections/${name}):`,
    ...curl(`/v1/integrations/connections/${name}`, connection),
    '',
    `3. Publish an erp_mapping for connection ${name} with the ${sandbox.kind} default templates (docs/erp-mappings.md).`,
    `   The sandbox accepts any id except ${sandbox.refuses}: map something to it to see a refusal.`,
    '',
    'Simulator controls:',
    `  GET  ${url}/__sim/records   what it holds, one entry per document`,
    `  GET  ${url}/__sim/stats     requests and faults injected`,
    `  POST ${url}/__sim/faults    a fault plan: {"script": ["lostResponse"]} or {"rates": {"serverError": 0.2}}`,
    `  POST ${url}/__sim/reset     forget records, stats and faults`,
    `Faults: ${faults === '' ? 'none' : `${faults} of writes`}`,
    '',
  ].join('\n');
}

/**
 * `invoiceops sandbox erp <vendor>`: runs the contract simulator of an ERP locally (the
 * harness of @invoiceops/testing) and prints the API calls that connect invoiceops to it.
 * Stops on SIGINT/SIGTERM.
 */
export function registerSandboxCommand(program: Command): void {
  const sandbox = program.command('sandbox').description('local simulators of the systems invoiceops integrates with, for trying it out');
  sandbox
    .command('erp <vendor>')
    .description('run a simulator of an ERP\'s API (netsuite, xero, business_central, sap_s4hana, oracle_fusion) with fault injection')
    .option('--port <port>', 'port to listen on (0: any free port)', '4010')
    .option('--latency-ms <ms>', 'latency added to every answer', '0')
    .option('--concurrency-limit <n>', 'requests at once before the vendor\'s limit error (0: no limit)', '0')
    .option('--fault <kind=rate...>', 'inject a fault into that share of writes, e.g. --fault serverError=0.1 lostResponse=0.05')
    .action(async (vendor: string, options: SandboxErpOptions) => {
      // Loaded here, not at start-up: the simulators are only needed by this command.
      const { SANDBOX_FAULT_KINDS, SANDBOX_VENDORS, isSandboxVendor, sandboxConnectionBody, sandboxConnectionName, sandboxSecretBody, startSandbox } = await import('@invoiceops/testing');
      const { ERP_CONNECTORS } = await import('@invoiceops/connectors');
      const kind = vendor.trim().toLowerCase().replaceAll('-', '_');
      if (!isSandboxVendor(kind)) throw new Error(`unknown ERP vendor "${vendor}"; known: ${SANDBOX_VENDORS.join(', ')}`);
      const port = wholeNumber(options.port, '--port', 65_535);
      const latencyMs = wholeNumber(options.latencyMs, '--latency-ms', 600_000);
      const concurrencyLimit = wholeNumber(options.concurrencyLimit, '--concurrency-limit', 100_000);
      const rates = faultRates(options.fault ?? [], SANDBOX_FAULT_KINDS);

      const running = await startSandbox(kind, { port, latencyMs, concurrencyLimit, faults: { rates } });
      const name = sandboxConnectionName(kind);
      const displayName = ERP_CONNECTORS.get(kind)?.displayName ?? kind;
      process.stdout.write(instructions(running, displayName, sandboxSecretBody(running), sandboxConnectionBody(running, name), name, rates));
      onShutdown(createLogger(process.env.LOG_LEVEL ?? 'warn'), [() => running.close(), async () => process.stdout.write('sandbox stopped\n')]);
    });
}
