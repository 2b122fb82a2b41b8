/**
 * Controls: validation before posting (rules), exception queues, and later approvals
 * with segregation of duties, versioned rule sets and the decision trace.
 */
export * from './rules/index.ts';
export * from './exceptions/index.ts';
export * from './lifecycle/index.ts';
export * from './metrics/index.ts';
export * from './releases/index.ts';
export * from './approvals/index.ts';
export * from './pipeline/index.ts';
