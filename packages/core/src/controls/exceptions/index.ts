/**
 * Exception queues: problems found on documents (failed rules, posting failures, overdue
 * approvals), worked to a recorded resolution (docs/exceptions.md).
 */
export * from './exception-schemas.ts';
export { exceptionDueAt, isExceptionOverdue, MAX_SLA_HOURS } from './exception-sla.ts';
export { raiseException, type RaisedException } from './raise-exception.ts';
export { listExceptions } from './list-exceptions.ts';
export { getException } from './get-exception.ts';
export { assignException } from './assign-exception.ts';
export { commentOnException } from './comment-on-exception.ts';
export { resolveException, type ExceptionResolveScopes } from './resolve-exception.ts';
export { applyBulkExceptionAction } from './apply-bulk-exception-action.ts';
