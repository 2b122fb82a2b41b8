import type { ApprovalPolicy, ApprovalPolicyRoute, ApprovalStepDefinition, ApproverSpec, EscalationTarget, RouteMatch } from './approval-policy.ts';
import { inAmountBand } from './amount-band.ts';
import type { RoutingFacts } from './routing-facts.ts';

/**
 * Who may approve a step. `via` says why: named in the step, an owner lookup, the
 * policy's escalation target standing in for an owner nobody is mapped to
 * (`owner_fallback`), or added when the step went overdue (`escalation`).
 */
export type Candidate =
  | { readonly kind: 'user'; readonly userId: string; readonly via: 'user' | 'department_owner' | 'cost_center_owner' | 'owner_fallback' | 'escalation' }
  | { readonly kind: 'role'; readonly role: 'approver' | 'controller'; readonly via: 'role' | 'owner_fallback' | 'escalation' };

/** One step of a matched route with its approvers resolved. */
export interface ResolvedStep {
  /** 0-based stage: stages run in order; steps of one stage run in parallel. */
  readonly stage: number;
  /** 0-based position within the stage. */
  readonly position: number;
  readonly name: string;
  readonly mode: 'any' | 'all';
  readonly slaHours: number;
  readonly candidates: readonly Candidate[];
}

/**
 * The routing decision for one document:
 * - `straight_through`: no approval needed (no policy, or the matched route has no steps);
 * - `needs_approval`: the matched route and its resolved steps;
 * - `unrouted`: approval is needed but cannot be routed (no route matches, or an owner
 *   is missing and the policy has no escalation target) — the caller holds the document.
 */
export type ApprovalRoute =
  | { readonly outcome: 'straight_through'; readonly required: false; readonly routeId: string | null; readonly reason: string }
  | {
      readonly outcome: 'needs_approval';
      readonly required: true;
      readonly routeId: string;
      readonly description: string;
      readonly steps: readonly ResolvedStep[];
      /** The policy settings the request keeps (reminders, escalation, approver-may-post). */
      readonly settings: ApprovalPolicy['settings'];
    }
  | { readonly outcome: 'unrouted'; readonly required: true; readonly routeId: string | null; readonly reason: string };

const listed = (list: readonly string[] | undefined, value: string | null): boolean => list === undefined || (value !== null && list.includes(value));

/** True when a route's match holds for the facts (absent fields match everything). */
export function routeMatches(match: RouteMatch, facts: RoutingFacts): boolean {
  return (
    listed(match.entityIds, facts.entityId) &&
    listed(match.documentTypes, facts.documentType) &&
    listed(match.departments, facts.department) &&
    listed(match.costCenters, facts.costCenter) &&
    listed(match.segments, facts.segment) &&
    inAmountBand(facts.functionalAmountMinor < 0n ? -facts.functionalAmountMinor : facts.functionalAmountMinor, facts.functionalCurrency, match.minAmount, match.maxAmount)
  );
}

/** The candidate an escalation target stands for. */
export function escalationCandidate(target: EscalationTarget, via: 'owner_fallback' | 'escalation'): Candidate {
  return 'user' in target ? { kind: 'user', userId: target.user, via } : { kind: 'role', role: target.role, via };
}

/** Resolves one approver entry; undefined when an owner lookup finds nobody. */
function resolveApprover(spec: ApproverSpec, policy: ApprovalPolicy, facts: RoutingFacts): Candidate | undefined {
  if ('user' in spec) return { kind: 'user', userId: spec.user, via: 'user' };
  if ('role' in spec) return { kind: 'role', role: spec.role, via: 'role' };
  const [map, key, via] =
    spec.owner === 'department'
      ? [policy.owners.department, facts.department, 'department_owner' as const]
      : [policy.owners.costCenter, facts.costCenter, 'cost_center_owner' as const];
  const owner = key === null ? undefined : Object.hasOwn(map, key) ? map[key] : undefined;
  return owner === undefined ? undefined : { kind: 'user', userId: owner, via };
}

const candidateKey = (c: Candidate): string => (c.kind === 'user' ? `user:${c.userId}` : `role:${c.role}`);

function stagesOf(route: ApprovalPolicyRoute): ApprovalStepDefinition[][] {
  return route.steps.map((s) => ('parallel' in s ? s.parallel : [s]));
}

/**
 * Routes one document under a policy. Pure and deterministic: the first route (in policy
 * order) whose match holds wins. Owner approvers are looked up in the policy's owner
 * maps; an owner nobody is mapped to is replaced by the policy's escalation target, and
 * without one the document is `unrouted`. Duplicate candidates within a step collapse.
 * A `null` policy means no approval is required.
 */
export function routeDocument(policy: ApprovalPolicy | null, facts: RoutingFacts): ApprovalRoute {
  if (policy === null) return { outcome: 'straight_through', required: false, routeId: null, reason: 'no approval policy is in force' };
  const route = policy.routes.find((r) => routeMatches(r.match, facts));
  if (route === undefined) return { outcome: 'unrouted', required: true, routeId: null, reason: 'no route of the approval policy matches the document' };
  if (route.steps.length === 0) return { outcome: 'straight_through', required: false, routeId: route.id, reason: `route ${route.id} needs no approval` };
  const steps: ResolvedStep[] = [];
  for (const [stage, stageSteps] of stagesOf(route).entries()) {
    for (const [position, step] of stageSteps.entries()) {
      const candidates = new Map<string, Candidate>();
      for (const spec of step.approvers) {
        let candidate = resolveApprover(spec, policy, facts);
        if (candidate === undefined) {
          const what = 'owner' in spec ? `${spec.owner.replace('_', ' ')} ${(spec.owner === 'department' ? facts.department : facts.costCenter) ?? '(none)'}` : 'approver';
          if (policy.settings.escalateTo === null) {
            return { outcome: 'unrouted', required: true, routeId: route.id, reason: `step "${step.name}" of route ${route.id}: no owner is mapped for ${what} and the policy has no escalation target` };
          }
          candidate = escalationCandidate(policy.settings.escalateTo, 'owner_fallback');
        }
        if (!candidates.has(candidateKey(candidate))) candidates.set(candidateKey(candidate), candidate);
      }
      steps.push({ stage, position, name: step.name, mode: step.mode, slaHours: step.slaHours, candidates: [...candidates.values()] });
    }
  }
  return { outcome: 'needs_approval', required: true, routeId: route.id, description: route.description, steps, settings: policy.settings };
}
