import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The clean majority's trace, one row per batch (docs/controls-lifecycle.md, "The decision
 * trace"). A finalizing bill run sends most of its invoices straight through: every rule
 * passed, no approval needed. Each of them used to get two `control_decisions` rows
 * (validation, straight-through) and two `document_transitions` rows (draft → validated →
 * approved), all at the same instant, by the same actor, for the same reason. Now the
 * chunk's straight-through invoices of one entity share one `control_decision_batches` row:
 *
 * - `documents` holds, per document, its id, what each of its two decisions saw and an
 *   index into `results`, the distinct results (rule outcome lists, the route), which the
 *   documents share;
 * - `decision_batch_documents` finds a document's batch and its position in `documents`
 *   (one narrow row per document: the trace and the metrics look documents up by id);
 * - `document_trail` is `document_transitions` with each batched document's two
 *   transitions: the metrics and the trace read it. The ids of those transitions and
 *   decisions are `<batch>:<document>:t1`/`t2` and `:d1`/`d2`.
 *
 * Append-only, like the trace and the transitions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE control_decision_batches (
      id text PRIMARY KEY,
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill')),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      rule_set_version integer NOT NULL,
      policy_version integer,
      actor text NOT NULL,
      -- The documents' transitions' reason.
      reason text NOT NULL,
      decided_at timestamptz NOT NULL,
      -- json, not jsonb: written far more often than read, and kept verbatim.
      documents json NOT NULL,
      results json NOT NULL
    );
    CREATE INDEX control_decision_batches_at ON control_decision_batches (decided_at);
    CREATE TRIGGER control_decision_batches_append_only BEFORE UPDATE OR DELETE ON control_decision_batches
      FOR EACH ROW EXECUTE FUNCTION controls_trail_refuse_change();
    CREATE TRIGGER control_decision_batches_no_truncate BEFORE TRUNCATE ON control_decision_batches
      FOR EACH STATEMENT EXECUTE FUNCTION controls_trail_refuse_change();

    CREATE TABLE decision_batch_documents (
      document_id text PRIMARY KEY,
      batch_id text NOT NULL REFERENCES control_decision_batches(id),
      -- The document's index in the batch's documents (from 0).
      position integer NOT NULL CHECK (position >= 0)
    );
    CREATE INDEX decision_batch_documents_batch ON decision_batch_documents (batch_id);
    CREATE TRIGGER decision_batch_documents_append_only BEFORE UPDATE OR DELETE ON decision_batch_documents
      FOR EACH ROW EXECUTE FUNCTION controls_trail_refuse_change();
    CREATE TRIGGER decision_batch_documents_no_truncate BEFORE TRUNCATE ON decision_batch_documents
      FOR EACH STATEMENT EXECUTE FUNCTION controls_trail_refuse_change();

    CREATE VIEW document_trail AS
      SELECT id, document_type, document_id, entity_id, from_state, to_state, actor, reason, decision_id, at
      FROM document_transitions
      UNION ALL
      SELECT b.id || ':' || d.document_id || ':t' || h.n, b.document_type, d.document_id, b.entity_id, h.from_state, h.to_state, b.actor, b.reason,
        b.id || ':' || d.document_id || ':d1', b.decided_at
      FROM decision_batch_documents d
      JOIN control_decision_batches b ON b.id = d.batch_id
      CROSS JOIN (VALUES (1, 'draft', 'validated'), (2, 'validated', 'approved')) AS h (n, from_state, to_state);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP VIEW document_trail;
    DROP TABLE decision_batch_documents;
    DROP TABLE control_decision_batches;
  `);
}
