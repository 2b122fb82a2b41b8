/** One approval limit: a user may approve documents up to `amountMinor` in `currency` for one entity, or all (`entityId` null). */
export interface ApprovalLimitFact {
  readonly userId: string;
  readonly entityId: string | null;
  readonly currency: string;
  readonly amountMinor: bigint;
}

/**
 * The limit that applies to a user for an entity's functional currency: the limit for that
 * entity if there is one, else the all-entities limit, else undefined (no limit: the user
 * may not approve). A limit is inclusive: amounts up to and including it may be approved.
 */
export function effectiveLimit(limits: readonly ApprovalLimitFact[], userId: string, entityId: string, currency: string): ApprovalLimitFact | undefined {
  let general: ApprovalLimitFact | undefined;
  for (const limit of limits) {
    if (limit.userId !== userId || limit.currency !== currency) continue;
    if (limit.entityId === entityId) return limit;
    if (limit.entityId === null) general = limit;
  }
  return general;
}
