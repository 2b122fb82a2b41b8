import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import * as foundation from './migrations/0001-foundation.ts';
import * as referenceData from './migrations/0002-reference-data.ts';
import * as externalIdsVersion from './migrations/0003-external-ids-version.ts';
import * as usage from './migrations/0004-usage.ts';
import * as contracts from './migrations/0005-contracts.ts';
import * as invoices from './migrations/0006-invoices.ts';
import * as payments from './migrations/0007-payments.ts';
import * as distribution from './migrations/0008-distribution.ts';
import * as billingWatermarks from './migrations/0009-billing-watermarks.ts';
import * as entityBankAccounts from './migrations/0010-entity-bank-accounts.ts';
import * as exceptions from './migrations/0011-exceptions.ts';
import * as documentLifecycle from './migrations/0012-document-lifecycle.ts';
import * as controlReleases from './migrations/0013-control-releases.ts';
import * as approvals from './migrations/0014-approvals.ts';
import * as metricsIndexes from './migrations/0015-metrics-indexes.ts';
import * as ledgerPosting from './migrations/0016-ledger-posting.ts';
import * as erpConnections from './migrations/0017-erp-connections.ts';
import * as vaultAndWebhooks from './migrations/0018-vault-and-webhooks.ts';
import * as invoiceHistoryIndex from './migrations/0019-invoice-history-index.ts';
import * as releaseSimulations from './migrations/0020-release-simulations.ts';
import * as invoiceListIndexes from './migrations/0021-invoice-list-indexes.ts';
import * as traceEntityChecks from './migrations/0022-trace-entity-checks.ts';
import * as usageReview from './migrations/0023-usage-review.ts';
import * as connectorSlotWaiters from './migrations/0024-connector-slot-waiters.ts';
import * as usageEventKey from './migrations/0025-usage-event-key.ts';
import * as ratingIndexQuantities from './migrations/0026-rating-index-quantities.ts';
import * as glEntryInvoiceCustomer from './migrations/0027-gl-entry-invoice-customer.ts';
import * as decisionTraceEntityIndex from './migrations/0028-decision-trace-entity-index.ts';
import * as decisionBatches from './migrations/0029-decision-batches.ts';

/**
 * Migrations are listed in code (not read from a folder) so they work the same from
 * source, from a bundle and in tests. Names sort in apply order; never rename one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-reference-data': referenceData,
  '0003-external-ids-version': externalIdsVersion,
  '0004-usage': usage,
  '0005-contracts': contracts,
  '0006-invoices': invoices,
  '0007-payments': payments,
  '0008-distribution': distribution,
  '0009-billing-watermarks': billingWatermarks,
  '0010-entity-bank-accounts': entityBankAccounts,
  '0011-exceptions': exceptions,
  '0012-document-lifecycle': documentLifecycle,
  '0013-control-releases': controlReleases,
  '0014-approvals': approvals,
  '0015-metrics-indexes': metricsIndexes,
  '0016-ledger-posting': ledgerPosting,
  '0017-erp-connections': erpConnections,
  '0018-vault-and-webhooks': vaultAndWebhooks,
  '0019-invoice-history-index': invoiceHistoryIndex,
  '0020-release-simulations': releaseSimulations,
  '0021-invoice-list-indexes': invoiceListIndexes,
  '0022-trace-entity-checks': traceEntityChecks,
  '0023-usage-review': usageReview,
  '0024-connector-slot-waiters': connectorSlotWaiters,
  '0025-usage-event-key': usageEventKey,
  '0026-rating-index-quantities': ratingIndexQuantities,
  '0027-gl-entry-invoice-customer': glEntryInvoiceCustomer,
  '0028-decision-trace-entity-index': decisionTraceEntityIndex,
  '0029-decision-batches': decisionBatches,
};

/**
 * Applies pending migrations. Kysely's migrator holds an advisory lock, so several
 * processes starting at once against one server apply each migration once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`, { cause: result.error });
  }
  return result;
}
