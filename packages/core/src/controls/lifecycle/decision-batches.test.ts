import { describe, expect, it } from 'vitest';
import { batchedDecisions, isBatchable, planDecisionBatches, type BatchForDocument, type DecisionBatchRow } from './decision-batches.ts';
import type { DecisionInput } from './record-decisions.ts';

const AT = new Date('2026-11-28T06:00:00Z');
const META = { actor: 'user:usr_1', reason: 'straight through: every rule passed and no approval is required', decidedAt: AT };
const PASSED = { outcomes: [], passed: ['builtin.po_missing'], notApplicable: ['builtin.tax_id_missing_or_invalid'] };
const ROUTE = { outcome: 'straight_through', required: false, routeId: 'standard', reason: 'route standard needs no approval' };

/** The trace `decisionTraceOf` records for a document, with what varies between the cases. */
function trace(documentId: string, change: { entityId?: string; policyVersion?: number | null; ruleSetVersion?: number; validation?: Partial<DecisionInput>; routing?: Partial<DecisionInput> } = {}): DecisionInput[] {
  const base = { documentType: 'invoice' as const, documentId, entityId: change.entityId ?? 'ent_a' };
  return [
    { ...base, kind: 'validation', policyKind: 'rule_set', policyVersion: change.ruleSetVersion ?? 3, outcome: 'passed', inputs: { asOf: '2026-11-28', contextSha256: `sha-${documentId}` }, result: PASSED, ...change.validation },
    { ...base, kind: 'straight_through', policyKind: 'approval_policy', policyVersion: change.policyVersion === undefined ? 2 : change.policyVersion, outcome: 'straight_through', inputs: { ruleSetVersion: 3, functionalAmountMinor: '9400', segment: 'smb' }, result: ROUTE, ...change.routing },
  ];
}

/** A batch row as the database gives it back for one of its documents. */
function readBack(row: DecisionBatchRow, position: number): BatchForDocument {
  return {
    id: row.id,
    ruleSetVersion: row.ruleSetVersion,
    policyVersion: row.policyVersion,
    actor: row.actor,
    decidedAt: row.decidedAt,
    document: (JSON.parse(row.documents) as BatchForDocument['document'][])[position]!,
    results: JSON.parse(row.results) as Record<string, unknown>[],
  };
}

describe('isBatchable', () => {
  it.each([
    ['passed with only the fingerprint, then straight through', trace('inv_1'), true],
    ['blocked: validation only', trace('inv_1').slice(0, 1), false],
    ['routed to approvers', trace('inv_1', { routing: { kind: 'routing', outcome: 'needs_approval' } }), false],
    ['a warning kept the whole context', trace('inv_1', { validation: { inputs: { asOf: '2026-11-28', context: {} } } }), false],
    ['no rule set version', trace('inv_1', { validation: { policyVersion: null } }), false],
    ['a policy id', trace('inv_1', { routing: { policyId: 'pol_1' } }), false],
  ])('%s → %s', (_case, decisions, expected) => {
    expect(isBatchable(decisions)).toBe(expected);
  });
});

describe('planDecisionBatches', () => {
  it('batches by entity and versions, leaves the others out, and reads back every decision as recorded', () => {
    const traces = [
      trace('inv_1'),
      trace('inv_2', { entityId: 'ent_b' }),
      trace('inv_3'),
      trace('inv_4', { routing: { kind: 'routing', outcome: 'needs_approval' } }),
      trace('inv_5', { policyVersion: null }),
      trace('inv_6', { validation: { result: { ...PASSED, notApplicable: [] } } }),
    ];
    const plan = planDecisionBatches(traces, META);

    expect(plan.rows).toHaveLength(3);
    expect([...plan.batchOf.keys()].sort()).toEqual(['inv_1', 'inv_2', 'inv_3', 'inv_5', 'inv_6']);
    const first = plan.rows.find((r) => r.id === plan.batchOf.get('inv_1')!.batchId)!;
    expect(plan.batchOf.get('inv_3')!.batchId).toBe(first.id);
    expect(plan.batchOf.get('inv_6')!.batchId).toBe(first.id);
    expect(plan.batchOf.get('inv_2')!.batchId).not.toBe(first.id);
    expect(plan.batchOf.get('inv_5')!.batchId).not.toBe(first.id);
    expect(first).toMatchObject({ documentType: 'invoice', entityId: 'ent_a', ruleSetVersion: 3, policyVersion: 2, actor: META.actor, reason: META.reason, decidedAt: AT });
    // inv_1 and inv_3 share their results; inv_6's rule outcome lists differ.
    expect(JSON.parse(first.results)).toEqual([PASSED, ROUTE, { ...PASSED, notApplicable: [] }]);

    for (const [documentId, at] of plan.batchOf) {
      const row = plan.rows.find((r) => r.id === at.batchId)!;
      const read = batchedDecisions(readBack(row, at.position), documentId);
      const recorded = traces.find((t) => t[0]!.documentId === documentId)!;
      expect(read.map((d) => d.id)).toEqual([`${row.id}:${documentId}:d1`, `${row.id}:${documentId}:d2`]);
      expect(read.map(({ kind, policyKind, policyId, policyVersion, outcome, inputs, result, actor, decidedAt }) => ({ kind, policyKind, policyId, policyVersion, outcome, inputs, result, actor, decidedAt }))).toEqual(
        recorded.map(({ kind, policyKind, policyVersion, outcome, inputs, result }) => ({ kind, policyKind, policyId: null, policyVersion, outcome, inputs, result, actor: META.actor, decidedAt: AT })),
      );
    }
  });

  it('writes nothing when nothing is batchable', () => {
    expect(planDecisionBatches([trace('inv_1').slice(0, 1)], META)).toEqual({ rows: [], batchOf: new Map() });
  });

  it('refuses to read a batch entry for another document', () => {
    const plan = planDecisionBatches([trace('inv_1')], META);
    expect(() => batchedDecisions(readBack(plan.rows[0]!, 0), 'inv_2')).toThrow(/holds inv_1 where inv_2 was expected/);
  });
});
