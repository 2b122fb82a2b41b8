import { z } from 'zod';
import { text } from '../../shared/schemas.ts';

/** A kind in a URL: a lower-case word (the registry says whether it exists). */
export const releaseKindParam = z.string().max(40).regex(/^[a-z][a-z0-9_]*$/, 'must be a release kind such as rule_set or approval_policy');

/** A version number in a URL. */
export const releaseVersionParam = z.coerce.number().int('must be a version number').positive('must be a version number').max(1_000_000);

/**
 * Where a release is at a moment: a draft; published and `scheduled` (effective later),
 * `in_force`, or `superseded` by a later one; or `discarded`.
 */
export const RELEASE_STATES = ['draft', 'discarded', 'scheduled', 'in_force', 'superseded'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

const timestamp = z.iso.datetime({ offset: true });

/** A release without its content, as lists show it. */
export const releaseSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'discarded']),
  state: z.enum(RELEASE_STATES),
  notes: z.string().nullable(),
  basedOnVersion: z.number().int().nullable(),
  author: z.string().describe('Actor string of who created the draft'),
  editors: z.array(z.string()).describe('Actor strings of everyone else who edited the draft'),
  revision: z.number().int().describe('Counts edits of the draft; send it back to update or publish'),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  discardedAt: z.string().nullable(),
  discardedBy: z.string().nullable(),
});
export type ReleaseSummary = z.output<typeof releaseSummarySchema>;

/** A release with its content. */
export const releaseSchema = releaseSummarySchema.extend({
  content: z.record(z.string(), z.unknown()).describe('The rule set ({ rules }) or approval policy of this version'),
});
export type ReleaseRecord = z.output<typeof releaseSchema>;

/** Create a draft: with `content`, or copying a published version (by default the latest; an empty one when none is). */
export const createReleaseDraftSchema = z
  .strictObject({
    content: z.unknown().optional().describe('The content; omitted: a copy of copyFromVersion, or of the latest published version'),
    copyFromVersion: z.number().int().positive().optional().describe('A published version to start from'),
    notes: text(2000).optional().describe('What the release changes and why'),
  })
  .refine((input) => input.content === undefined || input.copyFromVersion === undefined, {
    message: 'give either content or copyFromVersion, not both',
    path: ['copyFromVersion'],
  });
export type CreateReleaseDraftInput = z.output<typeof createReleaseDraftSchema>;

/** Edit a draft; `revision` must be the one last read (optimistic concurrency). */
export const updateReleaseDraftSchema = z.strictObject({
  revision: z.number().int().positive(),
  content: z.unknown().optional(),
  notes: text(2000).nullable().optional(),
});
export type UpdateReleaseDraftInput = z.output<typeof updateReleaseDraftSchema>;

/** Publish a draft; `revision` is the one the publisher reviewed (and simulated). */
export const publishReleaseSchema = z.strictObject({
  revision: z.number().int().positive().describe('The revision reviewed; a later edit makes publishing fail with 409'),
  effectiveFrom: timestamp.optional().describe('When it takes effect (default: now); never before the version in force took effect'),
});
export type PublishReleaseInput = z.output<typeof publishReleaseSchema>;

/** Discard a draft; it stays on record as `discarded`. */
export const discardReleaseDraftSchema = z.strictObject({
  revision: z.number().int().positive().optional(),
  reason: text(500).optional(),
});
export type DiscardReleaseDraftInput = z.output<typeof discardReleaseDraftSchema>;

/** `GET …/diff?from=2&to=3`. */
export const releaseDiffQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

const jsonChangeSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved']),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});

/** A diff between two versions of a kind: readable lines plus the structure they come from. */
export const releaseDiffSchema = z.object({
  kind: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  lines: z.array(z.string()).describe('+ added, - removed, ~ changed (old → new), ↕ moved'),
  diff: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('rule_set'),
      added: z.array(z.record(z.string(), z.unknown())),
      removed: z.array(z.record(z.string(), z.unknown())),
      changed: z.array(z.object({ ruleId: z.string(), changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })) })),
      reordered: z.boolean(),
      unchanged: z.number().int(),
    }),
    z.object({ type: z.literal('structural'), changes: z.array(jsonChangeSchema) }),
  ]),
});
export type ReleaseDiffResult = z.output<typeof releaseDiffSchema>;
