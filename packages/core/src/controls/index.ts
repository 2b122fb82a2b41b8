/**
 * Controls: validation before posting (rules), and later exception queues, approvals
 * with segregation of duties, versioned rule sets and the decision trace.
 */
export * from './rules/index.ts';
