import { formatMoney } from '../../money/parse-format.ts';
import { effectiveLimit, type ApprovalLimitFact } from './effective-limit.ts';
import type { Candidate } from './route-document.ts';

/** A person's standing: active, role grants and approval limits. */
export interface PersonAuthority {
  readonly userId: string;
  readonly active: boolean;
  readonly grants: readonly { readonly role: string; readonly entityId: string | null }[];
  readonly limits: readonly ApprovalLimitFact[];
}

/** Who is acting: their own standing and the delegations to them in force now. */
export interface ActingAuthority extends PersonAuthority {
  readonly delegations: readonly { readonly id: string; readonly from: PersonAuthority }[];
}

/** The request and step being decided, as the check sees them. */
export interface StepUnderDecision {
  readonly entityId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly documentLabel: string;
  /** The document's creator (user id), or null for a system-created one. */
  readonly creatorUserId: string | null;
  readonly stepName: string;
  readonly mode: 'any' | 'all';
  readonly candidates: readonly Candidate[];
  /** Candidate keys already satisfied on this step. */
  readonly satisfied: readonly string[];
  /** Users who approved this step already. */
  readonly approvedBy: readonly string[];
  /** Users who approved other steps of the same request. */
  readonly approvedOtherSteps: readonly string[];
}

/** The segregation-of-duties rule a refusal names. */
export type ApprovalRefusalRule = 'inactive' | 'creator' | 'not_candidate' | 'four_eyes' | 'limit';

/** The check's answer: act (standing for `satisfies`, maybe on behalf of a delegator) or a refusal naming the rule. */
export type ApproverCheck =
  | { readonly allowed: true; readonly satisfies: string; readonly onBehalfOfUserId: string | null; readonly delegationId: string | null }
  | { readonly allowed: false; readonly rule: ApprovalRefusalRule; readonly reason: string };

/** The key a candidate is recorded under in `satisfied`; escalation candidates share one key. */
export function candidateKey(c: Candidate): string {
  if (c.via === 'escalation') return 'escalation';
  return c.kind === 'user' ? `user:${c.userId}` : `role:${c.role}`;
}

const holdsRole = (p: PersonAuthority, role: string, entityId: string): boolean => p.grants.some((g) => g.role === role && (g.entityId === null || g.entityId === entityId));

/** The candidate keys `person` stands for on the step, best first: named users before roles, escalation last. */
function keysFor(person: PersonAuthority, step: StepUnderDecision): string[] {
  const keys = step.candidates
    .filter((c) => (c.kind === 'user' ? c.userId === person.userId : holdsRole(person, c.role, step.entityId)))
    .map(candidateKey);
  const open = step.mode === 'all' ? keys.filter((k) => k === 'escalation' || !step.satisfied.includes(k)) : keys;
  return [...new Set(open)].sort((a, b) => (a === 'escalation' ? 1 : b === 'escalation' ? -1 : a.startsWith('user:') === b.startsWith('user:') ? 0 : a.startsWith('user:') ? -1 : 1));
}

/** `who` is `you` or a delegator's user id. */
function limitProblem(person: PersonAuthority, step: StepUnderDecision, who: string): string | undefined {
  const [has, whose] = who === 'you' ? ['you have', 'your'] : [`${who} (who delegated to you) has`, `${who}'s (who delegated to you)`];
  const limit = effectiveLimit(person.limits, person.userId, step.entityId, step.currency);
  const amount = `${formatMoney({ amount: step.amountMinor, currency: step.currency })} ${step.currency}`;
  if (limit === undefined) return `${has} no approval limit in ${step.currency} for entity ${step.entityId}; ${step.documentLabel} is ${amount}`;
  if (limit.amountMinor < step.amountMinor) {
    return `${step.documentLabel} is ${amount}, above ${whose} approval limit of ${formatMoney({ amount: limit.amountMinor, currency: step.currency })} ${step.currency}`;
  }
  return undefined;
}

const describeCandidates = (step: StepUnderDecision): string =>
  step.candidates.map((c) => (c.kind === 'user' ? `user ${c.userId}` : `a holder of role ${c.role} for entity ${step.entityId}`)).join(' or ');

/**
 * Decides whether `actor` may approve a step — segregation of duties, on the server. In
 * order: the actor must be active and must not be the document's creator; they must be a
 * candidate themselves or hold a delegation (in force now) from a candidate, who must not
 * be the creator either; nobody approves a step twice or two steps of one request (four
 * eyes per step); and the amount must be within the actor's own approval limit for the
 * entity — and, acting for someone, within the delegator's too (a delegation never widens
 * authority). The first path that passes wins; otherwise the most specific refusal.
 * Pure: `approveStep` loads the authorities.
 */
export function checkApprover(actor: ActingAuthority, step: StepUnderDecision): ApproverCheck {
  const refuse = (rule: ApprovalRefusalRule, reason: string): ApproverCheck => ({ allowed: false, rule, reason });
  if (!actor.active) return refuse('inactive', `user ${actor.userId} is inactive`);
  if (step.creatorUserId === actor.userId) return refuse('creator', `you created ${step.documentLabel}; its creator may not approve it (segregation of duties)`);
  if (step.approvedBy.includes(actor.userId)) return refuse('four_eyes', `you already approved step "${step.stepName}"; it needs another person`);
  if (step.approvedOtherSteps.includes(actor.userId)) return refuse('four_eyes', `you already approved another step of this request; each step needs a different person`);
  const paths = [
    { as: actor as PersonAuthority, delegationId: null as string | null },
    ...actor.delegations.map((d) => ({ as: d.from, delegationId: d.id })),
  ];
  let refusal: ApproverCheck | undefined;
  for (const path of paths) {
    const keys = keysFor(path.as, step);
    if (keys.length === 0) continue;
    const delegated = path.delegationId !== null;
    if (delegated && step.creatorUserId === path.as.userId) {
      refusal ??= refuse('creator', `${path.as.userId}, who delegated to you, created ${step.documentLabel}; its creator may not approve it, nor may a delegate for them`);
      continue;
    }
    if (delegated && !path.as.active) continue;
    const problem = limitProblem(actor, step, 'you') ?? (delegated ? limitProblem(path.as, step, path.as.userId) : undefined);
    if (problem !== undefined) {
      if (refusal === undefined || refusal.allowed || refusal.rule !== 'creator') refusal = refuse('limit', problem);
      continue;
    }
    return { allowed: true, satisfies: keys[0]!, onBehalfOfUserId: delegated ? path.as.userId : null, delegationId: path.delegationId };
  }
  return refusal ?? refuse('not_candidate', `you are not a candidate for step "${step.stepName}": it needs ${describeCandidates(step)}, or a delegate of one`);
}
