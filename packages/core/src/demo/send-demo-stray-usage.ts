import { ALL_ENTITIES } from '../access/principal.ts';
import type { Trx } from '../db/transaction.ts';
import { ingestUsageEvents } from '../receivables/usage/ingest-usage-events.ts';
import type { ActorContext } from '../shared/context.ts';
import { DEMO_METRICS } from './demo-metrics.ts';
import { DEMO_USAGE_SOURCE } from './generate-usage-events.ts';

const DAY_MS = 86_400_000;

/** One in this many customers metered for API calls gets storage snapshots it has no contract for. */
export const STRAY_USAGE_ONE_IN = 25;
/** Where the stray snapshots come from: a partner's storage gateway, wired to the wrong tenant list. */
export const DEMO_PARTNER_SOURCE = '/demo/partner-storage-gateway';

/**
 * Usage the demo holds for review: at seeding time a partner's storage gateway sends two
 * storage snapshots for every {@link STRAY_USAGE_ONE_IN}th customer metered for API calls
 * whose contracts price no storage, through `ingestUsageEvents` as the integration user.
 * Each is stored flagged ("metric storage.gb is not in the customer's contract"), never
 * billed, and waits on the Usage page for an AR clerk to reject (or release, once a contract
 * line prices it). Returns how many were held.
 */
export async function sendDemoStrayUsage(trx: Trx, ctx: ActorContext, now: Date): Promise<number> {
  const customers = await trx
    .selectFrom('usageEvents as e')
    .select(['e.customerId', 'e.subject'])
    .distinct()
    .where('e.source', '=', DEMO_USAGE_SOURCE)
    .where('e.metricCode', '=', DEMO_METRICS.apiCalls)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('contractLines as l').select('l.id').whereRef('l.customerId', '=', 'e.customerId').where('l.metricCode', '=', DEMO_METRICS.storage))))
    .orderBy('e.customerId')
    .execute();
  const events = customers
    .filter((_, index) => index % STRAY_USAGE_ONE_IN === 0)
    .flatMap((customer, index) => [6, 3].map((daysAgo, snapshot) => ({
      specversion: '1.0',
      id: `psg-${String(index).padStart(4, '0')}-${snapshot + 1}`,
      source: DEMO_PARTNER_SOURCE,
      type: DEMO_METRICS.storage,
      subject: customer.subject,
      time: new Date(now.getTime() - daysAgo * DAY_MS - index * 60_000).toISOString(),
      data: { gb: 40 + ((index * 7 + snapshot * 3) % 60) },
    })));
  if (events.length === 0) return 0;
  const result = await ingestUsageEvents(trx, ctx, { events, scope: ALL_ENTITIES, now });
  return result.flagged;
}
