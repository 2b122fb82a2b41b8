import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createReleaseDraft,
  createReleaseDraftSchema,
  diffReleases,
  discardReleaseDraft,
  discardReleaseDraftSchema,
  getRelease,
  getReleaseSimulation,
  listReleaseSimulations,
  listReleases,
  publishRelease,
  publishReleaseSchema,
  releaseDiffQuery,
  releaseDiffSchema,
  releaseKindParam,
  releaseSchema,
  releaseSimulationIdParam,
  releaseSimulationSchema,
  releaseSimulationSummarySchema,
  releaseSummarySchema,
  releaseVersionParam,
  simulateRelease,
  simulateReleaseQuery,
  updateReleaseDraft,
  updateReleaseDraftSchema,
  type Db,
  type ReleaseActor,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const tags = ['control releases'];
const kindParams = z.strictObject({ kind: releaseKindParam });
const versionParams = z.strictObject({ kind: releaseKindParam, version: releaseVersionParam });
const simulationParams = versionParams.extend({ simulationId: z.union([z.literal('latest'), releaseSimulationIdParam]).describe('`latest`, or a simulation id') });
const listQuery = z.strictObject({ status: z.enum(['draft', 'published', 'discarded']).optional() });

/** The caller as the release use cases check it: actor, the user behind it, and grants. */
function releaseActorOf(request: FastifyRequest): ReleaseActor {
  const principal = principalOfRequest(request);
  return { ...actorOf(request), userId: principal.userId, grants: principal.grants };
}

/**
 * Versioned rule sets and approval policies (docs/rule-releases.md): list, read, draft,
 * edit, discard, diff, simulate (and read stored simulations), publish. `{kind}` is `rule_set` or `approval_policy`.
 */
export function registerReleaseRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/controls/releases/:kind';

  r.get(base, {
    config: { permission: 'controls:read' },
    schema: { tags, summary: 'List the versions of a kind, newest first', params: kindParams, querystring: listQuery, response: { 200: z.object({ data: z.array(releaseSummarySchema) }) } },
  }, async (request) => ({ data: await listReleases(db, request.params.kind, request.query) }));

  r.get(`${base}/diff`, {
    config: { permission: 'controls:read' },
    schema: {
      tags,
      summary: 'What changes between two versions',
      description: 'Rule sets: rules added, removed and changed with each field old → new. Policies: changes at JSON pointers. `lines` reads as a review.',
      params: kindParams,
      querystring: releaseDiffQuery,
      response: { 200: releaseDiffSchema },
    },
  }, async (request) => diffReleases(db, request.params.kind, request.query.from, request.query.to));

  r.get(`${base}/:version`, {
    config: { permission: 'controls:read' },
    schema: { tags, summary: 'One version with its content', params: versionParams, response: { 200: releaseSchema } },
  }, async (request) => getRelease(db, request.params.kind, request.params.version));

  r.post(base, {
    config: { permission: 'controls:write' },
    schema: {
      tags,
      summary: 'Open the draft of the next version',
      description: 'With content (checked in full: a CEL error is refused with 422 naming rule, field, line and column), or a copy of a published version (default: the latest). One open draft per kind.',
      params: kindParams,
      body: createReleaseDraftSchema,
      response: { 201: releaseSchema },
    },
  }, async (request, reply) => {
    const release = await createReleaseDraft(db, releaseActorOf(request), request.params.kind, request.body);
    reply.code(201);
    return release;
  });

  r.patch(`${base}/:version`, {
    config: { permission: 'controls:write' },
    schema: { tags, summary: 'Edit a draft (send the revision you read)', params: versionParams, body: updateReleaseDraftSchema, response: { 200: releaseSchema } },
  }, async (request) => updateReleaseDraft(db, releaseActorOf(request), request.params.kind, request.params.version, request.body));

  r.post(`${base}/:version/discard`, {
    config: { permission: 'controls:write' },
    schema: { tags, summary: 'Discard a draft (it stays on record)', params: versionParams, body: discardReleaseDraftSchema, response: { 200: releaseSchema } },
  }, async (request) => discardReleaseDraft(db, releaseActorOf(request), request.params.kind, request.params.version, request.body));

  r.post(`${base}/:version/simulate`, {
    config: { permission: 'controls:write' },
    schema: {
      tags,
      summary: 'What this version would change on recent documents',
      description: 'Decides every invoice and credit memo created in the last `days` days with the versions in force and with this one, and lists the documents whose outcome, route or failing rules change. The result is stored (who ran it, when, which revision, the window and the documents listed) with an audit row; nothing else is written.',
      params: versionParams,
      querystring: simulateReleaseQuery,
      response: { 200: releaseSimulationSchema },
    },
  }, async (request) => simulateRelease(db, releaseActorOf(request), request.params.kind, request.params.version, request.query));

  r.get(`${base}/:version/simulations`, {
    config: { permission: 'controls:write' },
    schema: {
      tags,
      summary: 'The stored simulations of a version, newest first',
      description: 'Who simulated which revision, when, over which window, and the counts; without the documents listed (read one simulation for those). Needs controls:write for all entities, as simulating does.',
      params: versionParams,
      response: { 200: z.object({ data: z.array(releaseSimulationSummarySchema) }) },
    },
  }, async (request) => ({ data: await listReleaseSimulations(db, releaseActorOf(request), request.params.kind, request.params.version) }));

  r.get(`${base}/:version/simulations/:simulationId`, {
    config: { permission: 'controls:write' },
    schema: {
      tags,
      summary: 'One stored simulation with the documents it lists (`latest`: the last one run)',
      description: '404 when the version was never simulated (`latest`) or the id belongs to no simulation of this version.',
      params: simulationParams,
      response: { 200: releaseSimulationSchema },
    },
  }, async (request) => getReleaseSimulation(db, releaseActorOf(request), request.params.kind, request.params.version, request.params.simulationId));

  r.post(`${base}/:version/publish`, {
    config: { permission: 'controls:publish' },
    schema: {
      tags,
      summary: 'Publish a draft (controller, not its author or an editor)',
      description: 'Takes effect at effectiveFrom (default now). 403 with a reason for the author or an editor (four-eyes) and for anyone without the controller role; 422 listing the gaps of an approval policy; 409 when the draft changed after the revision sent.',
      params: versionParams,
      body: publishReleaseSchema,
      response: { 200: releaseSchema },
    },
  }, async (request) => publishRelease(db, releaseActorOf(request), request.params.kind, request.params.version, request.body));
}
