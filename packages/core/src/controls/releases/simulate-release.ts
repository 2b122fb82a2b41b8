import { inTransaction, type Db } from '../../db/transaction.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { AppError, isAppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import { decideControls } from '../pipeline/decide-controls.ts';
import { loadControlsInputs, type ControlsInput } from '../pipeline/load-controls-inputs.ts';
import { loadEffectiveControls, type EffectiveControls } from '../pipeline/load-effective-controls.ts';
import { compareDecisions, type DecisionChangeKind } from './compare-decisions.ts';
import { assertMaySimulate, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { auditRelease, findInForceRow, getReleaseRow, jsonText } from './release-repository.ts';
import { insertReleaseSimulation, toReleaseSimulation } from './release-simulation-repository.ts';
import type { ReleaseSimulation, SimulateReleaseOptions, SimulatedChange } from './simulation-schemas.ts';

/** Documents loaded and decided per round. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

/**
 * The ids of documents created since `since`, after `afterId`, oldest first. Invoices and
 * credit memos now; supplier bills add their table here, and everything else is the same.
 */
async function nextDocumentIds(db: Db, since: Date, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('id')
    .where('createdAt', '>=', since)
    .where('status', '<>', 'void')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Loads a chunk; when one document in it cannot be loaded (a missing FX rate), the others still are. */
async function loadChunk(db: Db, ids: readonly string[], asOf: Date, skipped: { documentId: string; reason: string }[]): Promise<ControlsInput[]> {
  try {
    return await loadControlsInputs(db, ids, asOf);
  } catch (error) {
    if (!isAppError(error) || ids.length === 1) {
      if (isAppError(error) && error.code !== 'internal') {
        skipped.push({ documentId: ids[0]!, reason: error.message });
        return [];
      }
      throw error;
    }
    const inputs: ControlsInput[] = [];
    for (const id of ids) inputs.push(...(await loadChunk(db, [id], asOf, skipped)));
    return inputs;
  }
}

function changeOf(input: ControlsInput, before: EffectiveControls, after: EffectiveControls): SimulatedChange | null {
  const inputs = { context: input.context, routing: input.routing };
  const change = compareDecisions(decideControls(before.ruleSet, before.policy, inputs), decideControls(after.ruleSet, after.policy, inputs));
  if (change === null) return null;
  const { document, party } = input.context;
  return {
    documentType: input.documentType,
    documentId: input.documentId,
    documentNumber: document.number ?? null,
    entityId: input.entityId,
    partyId: document.partyId,
    partyName: party.name,
    currency: document.currency,
    total: formatMoney({ amount: document.totalMinor, currency: document.currency }),
    ...change,
  };
}

const COUNT_OF: Record<DecisionChangeKind, 'newlyBlocked' | 'newlyPassing' | 'routeChanged' | 'rulesChanged'> = {
  newly_blocked: 'newlyBlocked',
  newly_passing: 'newlyPassing',
  route_changed: 'routeChanged',
  rules_changed: 'rulesChanged',
};

/**
 * What publishing version `version` of `kind` would change: every invoice and credit memo
 * created in the last `days` days (not void) is decided twice — with the rule set and
 * approval policy in force now, and with this version in place of its kind's part — and
 * each document whose decision changes is listed (newly blocked, newly passing, another
 * route or approvers, other failing rules) with the rules that made the difference, plus
 * counts. Documents are loaded and decided 500 at a time; one that cannot be loaded is
 * listed under `skipped`. Exception overrides are not applied (both sides alike). The
 * result is stored (`release_simulations`: who, when, which revision, the window and the
 * documents listed) with an audit row, so a reviewer reads what the author saw
 * (`getReleaseSimulation`); nothing else is written. Needs `controls:write` for all entities.
 */
export async function simulateRelease(db: Db, actor: ReleaseActor, kind: string, version: number, options: SimulateReleaseOptions, now: Date = new Date()): Promise<ReleaseSimulation> {
  const definition = getReleaseKind(kind);
  assertMaySimulate(actor);
  if (!definition.applyToControls) throw new AppError('validation_failed', `${kind} versions cannot be simulated: they do not take part in validation or routing`);
  const row = await getReleaseRow(db, kind, version);
  const before = await loadEffectiveControls(db, now);
  const after = definition.applyToControls(before, definition.parseContent(row.body, '/content'), version);
  const inForceVersion = (await findInForceRow(db, kind, now))?.version ?? null;

  const since = new Date(now.getTime() - options.days * DAY_MS);
  const counts = { documents: 0, changed: 0, newlyBlocked: 0, newlyPassing: 0, routeChanged: 0, rulesChanged: 0, skipped: 0 };
  const changes: SimulatedChange[] = [];
  const skipped: { documentId: string; reason: string }[] = [];
  let afterId = '';
  for (;;) {
    const ids = await nextDocumentIds(db, since, afterId, CHUNK);
    if (ids.length === 0) break;
    afterId = ids.at(-1)!;
    for (const input of await loadChunk(db, ids, now, skipped)) {
      counts.documents += 1;
      const change = changeOf(input, before, after);
      if (change === null) continue;
      counts.changed += 1;
      counts[COUNT_OF[change.change]] += 1;
      if (changes.length < options.limit) changes.push(change);
    }
  }
  counts.skipped = skipped.length;
  const stored = await inTransaction(db, async (trx) => {
    const simulation = await insertReleaseSimulation(trx, {
      id: newId(ID_PREFIX.releaseSimulation),
      releaseId: row.id,
      kind,
      version,
      revision: row.revision,
      inForceVersion,
      days: options.days,
      windowFrom: since,
      asOf: now,
      counts: jsonText(counts),
      changes: jsonText(changes),
      changeLimit: options.limit,
      truncated: counts.changed > changes.length,
      skipped: jsonText(skipped),
      actor: actor.actor,
      actorUserId: actor.userId,
      createdAt: now,
    });
    await auditRelease(trx, actor, row, {
      action: 'control_release.simulated',
      diff: { kind, version, revision: row.revision, inForceVersion, days: options.days, counts, simulationId: simulation.id },
    });
    return simulation;
  });
  return toReleaseSimulation(stored);
}
