import { z } from 'zod';

const decisionSummarySchema = z.object({
  outcome: z.enum(['blocked', 'unrouted', 'needs_approval', 'straight_through']),
  blockingRules: z.array(z.string()),
  failedRules: z.array(z.string()),
  routeId: z.string().nullable(),
  approvers: z.array(z.string()).describe('One line per step: "1. Review (any): role approver"'),
});

const ruleStatus = z.enum(['passed', 'failed', 'not_applicable', 'error']).nullable();

/** One document whose decision would change. */
export const simulatedChangeSchema = z.object({
  documentType: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  entityId: z.string(),
  partyId: z.string(),
  partyName: z.string(),
  currency: z.string(),
  total: z.string().describe('Decimal with the currency\'s digits'),
  change: z.enum(['newly_blocked', 'newly_passing', 'route_changed', 'rules_changed']),
  before: decisionSummarySchema.describe('Under the versions in force'),
  after: decisionSummarySchema.describe('With the simulated version in place'),
  rules: z.array(z.object({
    ruleId: z.string(),
    before: ruleStatus,
    after: ruleStatus,
    blockingBefore: z.boolean(),
    blockingAfter: z.boolean(),
    message: z.string().nullable(),
  })).describe('The rules that made the difference'),
});
export type SimulatedChange = z.output<typeof simulatedChangeSchema>;

/** What publishing a version would change on the documents of the last N days, as stored when it ran. */
export const releaseSimulationSchema = z.object({
  id: z.string().describe('The stored simulation'),
  kind: z.string(),
  version: z.number().int(),
  revision: z.number().int().describe('The revision of the version that was simulated (a draft edited since has a higher one)'),
  inForceVersion: z.number().int().nullable().describe('The version it is compared with (null: none in force)'),
  days: z.number().int(),
  from: z.string().describe('Documents created from this time on were simulated'),
  asOf: z.string(),
  simulatedBy: z.string().describe('Actor string of who ran it'),
  simulatedAt: z.string(),
  limit: z.number().int().describe('Most changed documents listed'),
  counts: z.object({
    documents: z.number().int(),
    changed: z.number().int(),
    newlyBlocked: z.number().int(),
    newlyPassing: z.number().int(),
    routeChanged: z.number().int(),
    rulesChanged: z.number().int(),
    skipped: z.number().int(),
  }),
  changes: z.array(simulatedChangeSchema).describe('Oldest document first; at most `limit`'),
  truncated: z.boolean().describe('True when more documents changed than `changes` lists (the counts cover all)'),
  skipped: z.array(z.object({ documentId: z.string(), reason: z.string() })).describe('Documents that could not be loaded (a missing FX rate, …)'),
});
export type ReleaseSimulation = z.output<typeof releaseSimulationSchema>;

/** A stored simulation without the documents it lists, as `GET …/simulations` shows it. */
export const releaseSimulationSummarySchema = releaseSimulationSchema.omit({ changes: true, skipped: true });
export type ReleaseSimulationSummary = z.output<typeof releaseSimulationSummarySchema>;

/** `GET …/{version}/simulations/{simulationId}`. */
export const releaseSimulationIdParam = z.string().max(40).regex(/^sim_[0-9A-Za-z]+$/, 'must be a simulation id (sim_…)');

/** `POST …/{version}/simulate?days=30&limit=1000`. */
export const simulateReleaseQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30).describe('Simulate documents created in the last N days (1–366)'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000).describe('Most changed documents listed (counts cover all)'),
});
export type SimulateReleaseOptions = z.output<typeof simulateReleaseQuery>;
