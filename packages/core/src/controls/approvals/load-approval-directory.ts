import type { Db } from '../../db/transaction.ts';
import type { ApprovalDirectory } from './find-policy-gaps.ts';
import { loadLimitFacts } from './limit-facts.ts';

/**
 * Loads what {@link findPolicyGaps} checks a policy against: active entities with their
 * functional currency, users, role grants, approval limits, and the active department and
 * cost center codes (GL dimension values of the `department` / `cost_center` dimensions).
 */
export async function loadApprovalDirectory(db: Db): Promise<ApprovalDirectory> {
  const [entities, users, grants, limits, dimensions] = await Promise.all([
    db.selectFrom('legalEntities').select(['id', 'functionalCurrency']).where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('users').select(['id', 'active']).execute(),
    db.selectFrom('roleGrants').select(['userId', 'role', 'entityId']).execute(),
    loadLimitFacts(db),
    db.selectFrom('glDimensionValues').select(['dimensionCode', 'code']).where('active', '=', true).where('dimensionCode', 'in', ['department', 'cost_center']).orderBy('code').execute(),
  ]);
  return {
    entities,
    users,
    grants,
    limits,
    departments: dimensions.filter((d) => d.dimensionCode === 'department').map((d) => d.code),
    costCenters: dimensions.filter((d) => d.dimensionCode === 'cost_center').map((d) => d.code),
  };
}
