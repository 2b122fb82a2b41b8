import type { Db } from '../db/transaction.ts';
import type { ApprovalPolicyInput } from '../controls/approvals/approval-policy.ts';
import { createReleaseDraft } from '../controls/releases/create-release-draft.ts';
import { loadReleaseActor } from '../controls/releases/load-release-actor.ts';
import { publishReleaseIn } from '../controls/releases/publish-release.ts';
import { seedBuiltinRuleSet } from '../controls/releases/seed-builtin-rule-set.ts';
import type { Trx } from '../db/transaction.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-users.ts';

/**
 * The demo approval policy, in each entity's functional currency: invoices below 20,000
 * and credit memos below 1,000 go straight through; invoices from 20,000 need an approver,
 * from 100,000 an approver and then the CFO; larger credit memos need a controller.
 */
export function demoApprovalPolicy(cfoUserId: string): ApprovalPolicyInput {
  const finance = { name: 'Finance approval', mode: 'any' as const, approvers: [{ role: 'approver' as const }], slaHours: 24 };
  return {
    routes: [
      { id: 'credit_memos_large', description: 'Credit memos of 1,000 or more: a controller reviews them', match: { documentTypes: ['credit_memo'], minAmount: '1000.00' }, steps: [{ name: 'Controller review', mode: 'any', approvers: [{ role: 'controller' }], slaHours: 24 }] },
      { id: 'credit_memos_small', description: 'Credit memos below 1,000 go straight through', match: { documentTypes: ['credit_memo'], maxAmount: '1000.00' }, steps: [] },
      { id: 'invoices_large', description: 'Invoices of 100,000 or more: an approver, then the CFO', match: { documentTypes: ['invoice'], minAmount: '100000.00' }, steps: [finance, { name: 'CFO approval', mode: 'any', approvers: [{ user: cfoUserId }], slaHours: 48 }] },
      { id: 'invoices_medium', description: 'Invoices from 20,000 to 100,000: an approver', match: { documentTypes: ['invoice'], minAmount: '20000.00', maxAmount: '100000.00' }, steps: [finance] },
      { id: 'invoices_standard', description: 'Invoices below 20,000 go straight through', match: { documentTypes: ['invoice'], maxAmount: '20000.00' }, steps: [] },
    ],
    settings: { approverMayPost: false, reminderHours: 8, escalateTo: { role: 'controller' } },
  };
}

async function demoUserId(trx: Trx, local: string): Promise<string> {
  const user = await trx.selectFrom('users').select('id').where('email', '=', `${local}@${DEMO_EMAIL_DOMAIN}`).executeTakeFirstOrThrow();
  return user.id;
}

/**
 * Publishes the demo's controls with four eyes, as a finance team would: the controller
 * drafts the built-in rule pack and the approval policy, the second controller publishes
 * them, in force from `effectiveFrom`. Runs inside the seeding transaction. Returns the
 * number of audit rows the releases wrote.
 */
export async function seedDemoControls(trx: Trx, effectiveFrom: Date, now: Date): Promise<number> {
  const auditHead = async () => (await trx.selectFrom('auditLog').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0n;
  const before = await auditHead();
  const author = await loadReleaseActor(trx as Db, await demoUserId(trx, 'controller'));
  const publisher = await loadReleaseActor(trx as Db, await demoUserId(trx, 'controller.2'));
  await seedBuiltinRuleSet(trx, { author, publisher, effectiveFrom, now, notes: 'The built-in rule pack, adopted for Brightlane.' });
  const draft = await createReleaseDraft(trx, author, 'approval_policy', {
    content: demoApprovalPolicy(await demoUserId(trx, 'cfo')),
    notes: 'Brightlane approval policy: thresholds per functional currency, CFO above 100,000.',
  }, now);
  await publishReleaseIn(trx, publisher, 'approval_policy', draft.version, { revision: draft.revision, effectiveFrom: effectiveFrom.toISOString() }, now, { backdateFirst: true });
  return Number(BigInt(await auditHead()) - BigInt(before));
}
