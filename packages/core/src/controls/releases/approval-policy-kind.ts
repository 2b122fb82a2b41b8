import type { Db } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import { approvalPolicySchema, findPolicyGaps, type ApprovalPolicy } from '../approvals/approval-policy.ts';
import { loadApprovalDirectory } from '../approvals/load-approval-directory.ts';
import type { EffectiveControls } from '../pipeline/load-effective-controls.ts';
import { diffJson } from './diff-json.ts';

/**
 * `approval_policy`: who approves which documents (docs/approvals.md). The shape is checked
 * at save; gaps (an amount band without a route, a step without an eligible approver) are
 * checked at publish against the users, grants and limits of that moment, because they
 * change between save and publish.
 */
export const approvalPolicyKind = {
  kind: 'approval_policy',
  description: 'Approval routing: routes by entity, document type, amount band, department, cost center and segment, with their steps',
  parseContent: (value: unknown, basePath: string): ApprovalPolicy => parseOrThrow(approvalPolicySchema, value, basePath),
  findPublishProblems: async (db: Db, policy: ApprovalPolicy): Promise<FieldIssue[]> =>
    findPolicyGaps(policy, await loadApprovalDirectory(db)).map((gap) => ({ path: `/content${gap.path}`, message: gap.message, code: 'policy_gap' })),
  diff: (from: ApprovalPolicy, to: ApprovalPolicy) => ({ type: 'structural' as const, changes: diffJson(from, to) }),
  applyToControls: (controls: EffectiveControls, policy: ApprovalPolicy, version: number): EffectiveControls => ({ ...controls, policy: { version, policy } }),
} as const;
