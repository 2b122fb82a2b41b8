import { formatMoney } from '../../money/parse-format.ts';
import type { ApprovalPolicy, ApprovalPolicyRoute, ApprovalStepDefinition, ApproverSpec } from './approval-policy.ts';
import { compareDecimalStrings, decimalToMinorCeil } from './amount-band.ts';
import { effectiveLimit, type ApprovalLimitFact } from './effective-limit.ts';

/** What the gap check needs to know about the organisation; loaded by `loadApprovalDirectory`. */
export interface ApprovalDirectory {
  readonly entities: readonly { readonly id: string; readonly functionalCurrency: string }[];
  readonly users: readonly { readonly id: string; readonly active: boolean }[];
  readonly grants: readonly { readonly userId: string; readonly role: string; readonly entityId: string | null }[];
  readonly limits: readonly ApprovalLimitFact[];
  /** Known department and cost center codes (GL dimension values). */
  readonly departments: readonly string[];
  readonly costCenters: readonly string[];
}

/** One problem that stops a policy from being published; `path` is a JSON pointer into the policy. */
export interface PolicyGap {
  readonly path: string;
  readonly message: string;
}

const DOCUMENT_TYPES = ['invoice', 'credit_memo', 'supplier_bill'] as const;
const label = (type: string): string => type.replace('_', ' ');

/** The holes in `[0, ∞)` left by a set of `[min, max)` bands, as `[from, to | undefined)`. */
export function bandHoles(bands: readonly { minAmount?: string | undefined; maxAmount?: string | undefined }[]): [string, string | undefined][] {
  const sorted = bands.map((b) => ({ min: b.minAmount ?? '0', max: b.maxAmount })).sort((a, b) => compareDecimalStrings(a.min, b.min));
  const holes: [string, string | undefined][] = [];
  let reached: string | undefined = '0'; // undefined: covered up to infinity
  for (const band of sorted) {
    if (reached === undefined) break;
    if (compareDecimalStrings(band.min, reached) > 0) holes.push([reached, band.min]);
    if (band.max === undefined) reached = undefined;
    else if (compareDecimalStrings(band.max, reached) > 0) reached = band.max;
  }
  if (reached !== undefined) holes.push([reached, undefined]);
  return holes;
}

const unconditional = (r: ApprovalPolicyRoute): boolean => r.match.departments === undefined && r.match.costCenters === undefined && r.match.segments === undefined;

function coverageGaps(policy: ApprovalPolicy, entityIds: readonly string[]): PolicyGap[] {
  const grouped = new Map<string, string[]>();
  for (const type of DOCUMENT_TYPES) {
    if (!policy.routes.some((r) => r.match.documentTypes === undefined || r.match.documentTypes.includes(type))) continue;
    for (const entityId of entityIds) {
      const bands = policy.routes
        .filter((r) => unconditional(r) && (r.match.entityIds?.includes(entityId) ?? true) && (r.match.documentTypes?.includes(type) ?? true))
        .map((r) => r.match);
      for (const [from, to] of bandHoles(bands)) {
        const key = `${type}|${from}|${to ?? ''}`;
        grouped.set(key, [...(grouped.get(key) ?? []), entityId]);
      }
    }
  }
  return [...grouped].map(([key, entities]) => {
    const [type, from, to] = key.split('|') as [string, string, string];
    const band = to === '' ? `amounts from ${from} upwards` : `amounts from ${from} up to (not including) ${to}`;
    return {
      path: '/routes',
      message: `${label(type)}s of entity ${entities.join(', ')}: ${band} have no route (routes without department, cost center or segment conditions must cover every amount)`,
    };
  });
}

/** The policy, directory and indexes one check works with. */
interface Check {
  readonly policy: ApprovalPolicy;
  readonly dir: ApprovalDirectory;
  readonly users: ReadonlyMap<string, { id: string; active: boolean }>;
  readonly currencyOf: ReadonlyMap<string, string>;
}

/** Users who could act for one approver entry in one entity, and why others cannot. */
function holdersOf(check: Check, spec: ApproverSpec | { user: string }, entityId: string, ownerUser: string | undefined): string[] {
  if ('user' in spec) return [spec.user];
  if ('role' in spec) {
    return [...new Set(check.dir.grants.filter((g) => g.role === spec.role && (g.entityId === null || g.entityId === entityId)).map((g) => g.userId))].sort();
  }
  return ownerUser === undefined ? [] : [ownerUser];
}

function ineligibility(check: Check, userId: string, entityId: string, minMinor: bigint): string | undefined {
  const user = check.users.get(userId);
  if (user === undefined) return `${userId} is not a known user`;
  if (!user.active) return `${userId} is inactive`;
  const currency = check.currencyOf.get(entityId)!;
  const limit = effectiveLimit(check.dir.limits, userId, entityId, currency);
  if (limit === undefined) return `${userId} has no approval limit in ${currency}`;
  if (limit.amountMinor < minMinor) return `${userId}'s approval limit ${formatMoney({ amount: limit.amountMinor, currency })} ${currency} is below the band's minimum`;
  return undefined;
}

/** Problems of one step in one entity for documents whose owner lookups gave `owners`. */
function stepProblems(check: Check, route: ApprovalPolicyRoute, step: ApprovalStepDefinition, entityId: string, owners: { department?: string; cost_center?: string }): string[] {
  const currency = check.currencyOf.get(entityId)!;
  const minMinor = decimalToMinorCeil(route.match.minAmount ?? '0', currency);
  const escalateTo = check.policy.settings.escalateTo;
  const perEntry = step.approvers.map((spec) => {
    const owner = 'owner' in spec ? owners[spec.owner] : undefined;
    const entry = 'owner' in spec && owner === undefined && escalateTo !== null ? escalateTo : spec;
    const holders = holdersOf(check, entry, entityId, owner);
    const reasons = holders.map((u) => ineligibility(check, u, entityId, minMinor));
    const eligible = holders.filter((_u, i) => reasons[i] === undefined);
    const why = holders.length === 0 ? ('role' in entry ? [`nobody holds role ${entry.role}`] : [`no ${'owner' in entry ? entry.owner.replace('_', ' ') : ''} owner`]) : reasons.filter((r): r is string => r !== undefined);
    return { eligible, why };
  });
  const failing = step.mode === 'all' ? perEntry.filter((e) => e.eligible.length === 0) : perEntry.every((e) => e.eligible.length === 0) ? perEntry : [];
  return [...new Set(failing.flatMap((e) => e.why))];
}

function ownerScenarios(check: Check, route: ApprovalPolicyRoute, step: ApprovalStepDefinition): { label: string; owners: { department?: string; cost_center?: string } }[] {
  const kinds = new Set(step.approvers.flatMap((a) => ('owner' in a ? [a.owner] : [])));
  let scenarios: { label: string; owners: { department?: string; cost_center?: string } }[] = [{ label: '', owners: {} }];
  for (const kind of kinds) {
    const map = kind === 'department' ? check.policy.owners.department : check.policy.owners.costCenter;
    const codes = (kind === 'department' ? route.match.departments : route.match.costCenters) ?? (kind === 'department' ? check.dir.departments : check.dir.costCenters);
    const next: typeof scenarios = [];
    for (const s of scenarios) {
      for (const c of codes) next.push({ label: `${s.label}, ${kind.replace('_', ' ')} ${c}`, owners: { ...s.owners, [kind]: Object.hasOwn(map, c) ? map[c] : undefined } });
      if ((kind === 'department' ? route.match.departments : route.match.costCenters) === undefined) next.push({ label: `${s.label}, no ${kind.replace('_', ' ')}`, owners: s.owners });
    }
    scenarios = next;
  }
  return scenarios;
}

function stepGaps(check: Check, route: ApprovalPolicyRoute, routeIndex: number, entityIds: readonly string[]): PolicyGap[] {
  const gaps: PolicyGap[] = [];
  route.steps.forEach((element, stageIndex) => {
    const steps = 'parallel' in element ? element.parallel : [element];
    steps.forEach((step, i) => {
      const path = `/routes/${routeIndex}/steps/${stageIndex}${'parallel' in element ? `/parallel/${i}` : ''}`;
      for (const kind of ['department', 'cost_center'] as const) {
        if (!step.approvers.some((a) => 'owner' in a && a.owner === kind)) continue;
        const map = kind === 'department' ? check.policy.owners.department : check.policy.owners.costCenter;
        const codes = (kind === 'department' ? route.match.departments : route.match.costCenters) ?? (kind === 'department' ? check.dir.departments : check.dir.costCenters);
        const missing = codes.filter((c) => !Object.hasOwn(map, c));
        if (missing.length > 0) gaps.push({ path, message: `route ${route.id}, step "${step.name}": no ${kind.replace('_', ' ')} owner is mapped for ${missing.join(', ')}` });
      }
      const grouped = new Map<string, string[]>();
      for (const entityId of entityIds) {
        for (const scenario of ownerScenarios(check, route, step)) {
          const problems = stepProblems(check, route, step, entityId, scenario.owners);
          if (problems.length === 0) continue;
          const key = `${scenario.label}|${problems.join('; ')}`;
          grouped.set(key, [...(grouped.get(key) ?? []), entityId]);
        }
      }
      for (const [key, entities] of grouped) {
        const [scenario, problems] = key.split('|') as [string, string];
        gaps.push({ path, message: `route ${route.id}, step "${step.name}" has no eligible approver for entity ${entities.join(', ')}${scenario}: ${problems}` });
      }
    });
  });
  return gaps;
}

function escalationGaps(check: Check, entityIds: readonly string[]): PolicyGap[] {
  const target = check.policy.settings.escalateTo;
  if (target === null) return [];
  const path = '/settings/escalateTo';
  if ('user' in target) {
    const user = check.users.get(target.user);
    return user?.active ? [] : [{ path, message: `escalation target ${target.user} is ${user ? 'inactive' : 'not a known user'}` }];
  }
  const without = entityIds.filter((e) => holdersOf(check, target, e, undefined).every((u) => !check.users.get(u)?.active));
  return without.length === 0 ? [] : [{ path, message: `escalation target: no active user holds role ${target.role} for entity ${without.join(', ')}` }];
}

/**
 * The problems that stop an approval policy from being published. Pure: the directory is
 * loaded by the caller. Checks, for every entity × document type the policy covers (the
 * entities its routes name, or all when a route names none):
 * - amount bands of routes without department/cost center/segment conditions cover
 *   `[0, ∞)` with no hole (conditional routes cannot close a hole: a document may lack
 *   the dimension);
 * - every step has an eligible approver: a known, active user; a role someone holds for
 *   the entity; an owner mapped for every department / cost center code the route can
 *   see; and at least one candidate (each entry, for `all` steps) whose approval limit in
 *   the entity's functional currency reaches the band's minimum;
 * - the escalation target exists and is active (or held).
 * Returns `[]` for a policy that may be published.
 */
export function findPolicyGaps(policy: ApprovalPolicy, directory: ApprovalDirectory): PolicyGap[] {
  const currencyOf = new Map(directory.entities.map((e) => [e.id, e.functionalCurrency]));
  const check: Check = { policy, dir: directory, users: new Map(directory.users.map((u) => [u.id, u])), currencyOf };
  const gaps: PolicyGap[] = [];
  const covered = new Set<string>();
  policy.routes.forEach((route, index) => {
    for (const id of route.match.entityIds ?? directory.entities.map((e) => e.id)) {
      if (currencyOf.has(id)) covered.add(id);
      else gaps.push({ path: `/routes/${index}/match/entityIds`, message: `route ${route.id} names entity ${id}, which does not exist` });
    }
  });
  const entityIds = [...covered].sort();
  gaps.push(...coverageGaps(policy, entityIds));
  policy.routes.forEach((route, index) => {
    const routeEntities = entityIds.filter((id) => route.match.entityIds?.includes(id) ?? true);
    gaps.push(...stepGaps(check, route, index, routeEntities));
  });
  gaps.push(...escalationGaps(check, entityIds));
  return gaps;
}
