import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Controls lifecycle (docs/controls-lifecycle.md).
 *
 * - `invoices.lifecycle`: where an invoice or credit memo is in the controls pipeline
 *   (draft → validated → pending approval → approved → posting → posted → sent → paid,
 *   with `on_hold` for blocking exceptions, and `void`). `status` stays the legal state
 *   (draft, finalized, void). Existing finalized documents start as `approved`.
 *   `created_by` names the creator for segregation of duties (bill-run invoices: the run's actor).
 * - `document_transitions`: one row per lifecycle change, append-only; the metrics
 *   (straight-through rate, cycle time per stage) are computed from it.
 * - `control_decisions`: the decision trace — every automated decision (rule outcomes,
 *   routing, straight-through) with the rule set or policy version, the inputs it saw
 *   and the result. Append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE invoices ADD COLUMN lifecycle text NOT NULL DEFAULT 'draft'
      CHECK (lifecycle IN ('draft','validated','on_hold','pending_approval','approved','posting','posted','sent','paid','void'));
    ALTER TABLE invoices ADD COLUMN lifecycle_changed_at timestamptz;
    -- Who created the document (actor string); null for bill-run invoices, whose creator is the run's actor.
    ALTER TABLE invoices ADD COLUMN created_by text;
    UPDATE invoices SET lifecycle = CASE status WHEN 'void' THEN 'void' WHEN 'finalized' THEN 'approved' ELSE 'draft' END,
      lifecycle_changed_at = updated_at;
    CREATE INDEX invoices_lifecycle_work ON invoices (lifecycle, entity_id, id)
      WHERE lifecycle IN ('validated','on_hold','pending_approval','approved','posting');

    CREATE TABLE document_transitions (
      id text PRIMARY KEY,
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill')),
      document_id text NOT NULL,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      from_state text NOT NULL,
      to_state text NOT NULL,
      actor text NOT NULL,
      reason text,
      decision_id text,
      at timestamptz NOT NULL
    );
    CREATE INDEX document_transitions_document ON document_transitions (document_id, at, id);
    CREATE INDEX document_transitions_entity_at ON document_transitions (entity_id, at);
    CREATE INDEX document_transitions_to_at ON document_transitions (to_state, at);

    CREATE TABLE control_decisions (
      id text PRIMARY KEY,
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill')),
      document_id text NOT NULL,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      kind text NOT NULL CHECK (kind IN ('validation','routing','straight_through','approval','posting')),
      policy_kind text,
      policy_id text,
      policy_version integer,
      outcome text NOT NULL,
      -- json, not jsonb: the trace is written far more often than it is searched, and kept verbatim.
      inputs json NOT NULL DEFAULT '{}',
      result json NOT NULL DEFAULT '{}',
      actor text NOT NULL,
      decided_at timestamptz NOT NULL
    );
    CREATE INDEX control_decisions_document ON control_decisions (document_id, decided_at, id);
    CREATE INDEX control_decisions_entity_at ON control_decisions (entity_id, kind, decided_at);

    CREATE FUNCTION controls_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on % refused: the lifecycle trail and the decision trace are append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER document_transitions_append_only BEFORE UPDATE OR DELETE ON document_transitions
      FOR EACH ROW EXECUTE FUNCTION controls_trail_refuse_change();
    CREATE TRIGGER document_transitions_no_truncate BEFORE TRUNCATE ON document_transitions
      FOR EACH STATEMENT EXECUTE FUNCTION controls_trail_refuse_change();
    CREATE TRIGGER control_decisions_append_only BEFORE UPDATE OR DELETE ON control_decisions
      FOR EACH ROW EXECUTE FUNCTION controls_trail_refuse_change();
    CREATE TRIGGER control_decisions_no_truncate BEFORE TRUNCATE ON control_decisions
      FOR EACH STATEMENT EXECUTE FUNCTION controls_trail_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE control_decisions;
    DROP TABLE document_transitions;
    DROP FUNCTION controls_trail_refuse_change();
    DROP INDEX invoices_lifecycle_work;
    ALTER TABLE invoices DROP COLUMN created_by;
    ALTER TABLE invoices DROP COLUMN lifecycle_changed_at;
    ALTER TABLE invoices DROP COLUMN lifecycle;
  `);
}
