import { ALL_ENTITIES } from '../access/principal.ts';
import type { Trx } from '../db/transaction.ts';
import { glAccountResource } from '../master-data/gl-accounts/gl-account-resource.ts';
import { productResource } from '../master-data/products/product-resource.ts';
import { updateRecord } from '../master-data/update-record.ts';
import type { ActorContext } from '../shared/context.ts';

/** The revenue account the demo's history retires, and where its product goes. */
export const RETIRED_TRAINING_ACCOUNT = '4210';
const TRAINING_PRODUCT = 'TRAINING-DAY';
const SERVICES_ACCOUNT = '4200';

/**
 * A chart-of-accounts change of the demo's history, through the master-data use cases (and
 * so audited): after the go-live month was billed, the controller books training with the
 * other professional services from then on — the product moves to 4200 — and closes 4210.
 * Invoices of the go-live month that carry training lines were approved on 4210 and are
 * still to be posted: the built-in ledger refuses them (`account_closed`), a posting failure
 * to fix by reopening the account and retrying. Later invoices use 4200.
 */
export async function retireDemoTrainingAccount(trx: Trx, controller: ActorContext): Promise<void> {
  const reason = 'From October, training revenue is booked with professional services (4200).';
  const product = await trx.selectFrom('products').select('id').where('sku', '=', TRAINING_PRODUCT).executeTakeFirstOrThrow();
  await updateRecord(trx, controller, productResource, { id: product.id, patch: productResource.updateSchema.parse({ revenueAccountCode: SERVICES_ACCOUNT }) as Record<string, unknown>, scope: ALL_ENTITIES, reason });
  const account = await trx.selectFrom('glAccounts').select('id').where('code', '=', RETIRED_TRAINING_ACCOUNT).executeTakeFirstOrThrow();
  await updateRecord(trx, controller, glAccountResource, { id: account.id, patch: glAccountResource.updateSchema.parse({ active: false }) as Record<string, unknown>, scope: ALL_ENTITIES, reason });
}
