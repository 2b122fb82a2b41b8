/**
 * Controls: validation before posting (rules), exception queues, and later approvals
 * with segregation of duties, versioned rule sets and the decision trace.
 */
export * from './rules/index.ts';
export * from './exceptions/index.ts';
export * from './lifecycle/index.ts';
