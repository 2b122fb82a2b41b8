import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadMasterKey, type MasterKey } from '@invoiceops/core';
import { sendProblem } from '../../plugins/problem.ts';

/** The vault's master key, or why there is none (a message that names settings, never key material). */
export type MasterKeyProvider = () => { key: MasterKey } | { unavailable: string };

const NOT_CONFIGURED = 'the credential vault is not configured: set INVOICEOPS_MASTER_KEY or INVOICEOPS_MASTER_KEY_FILE and restart';

/**
 * `configured`: a key (the CLI resolves it at start), `null` for none, or undefined to
 * read the environment on first use (`loadMasterKey`), remembered once found.
 */
export function createMasterKeyProvider(configured: MasterKey | null | undefined): MasterKeyProvider {
  let resolved: MasterKey | undefined;
  return () => {
    if (configured) return { key: configured };
    if (configured === null) return { unavailable: NOT_CONFIGURED };
    try {
      resolved ??= loadMasterKey(process.env);
    } catch (error) {
      return { unavailable: `the credential vault's master key is unusable: ${(error as Error).message}` };
    }
    return resolved ? { key: resolved } : { unavailable: NOT_CONFIGURED };
  };
}

/** The key, or undefined after answering 503 `vault_not_configured`. */
export function masterKeyOrProblem(provider: MasterKeyProvider, request: FastifyRequest, reply: FastifyReply): MasterKey | undefined {
  const result = provider();
  if ('key' in result) return result.key;
  sendProblem(request, reply, 503, 'vault_not_configured', result.unavailable, { title: 'Service unavailable' });
  return undefined;
}
