import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Exception queues (docs/exceptions.md): one row per problem found on a document —
 * invoices and credit memos now, supplier bills later, so `document_id` carries no foreign
 * key and `document_type` says where to look.
 *
 * - `exception_sla_policies` is the category list with each category's SLA in hours;
 *   `exceptions.category` references it, so every exception has a due time. Seeded with
 *   the defaults of the taxonomy (`controls/rules/exception-categories.ts`).
 * - Raising is idempotent: while an exception is open, the same document and rule (or,
 *   without a rule, the same category) cannot be raised twice (`exceptions_open_once`).
 * - An exception never disappears: DELETE and TRUNCATE are refused, a resolved row
 *   carries its resolution (kind, time, actor) by CHECK, and a resolved row is final.
 *   Comments are append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE exception_sla_policies (
      category text PRIMARY KEY,
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 8760),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO exception_sla_policies (category, hours) VALUES
      ('master_data', 24), ('tax', 24), ('pricing', 48), ('po_reference', 48), ('entitlement', 72),
      ('duplicate', 24), ('match_variance', 48), ('approval_delay', 24), ('posting_failure', 4), ('anomaly', 72);

    CREATE TABLE exceptions (
      id text PRIMARY KEY,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill')),
      document_id text NOT NULL,
      category text NOT NULL REFERENCES exception_sla_policies(category),
      source_system text NOT NULL,
      rule_id text,
      rule_version integer CHECK (rule_version > 0),
      severity text NOT NULL CHECK (severity IN ('block','warn')),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      details jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
      assignee_user_id text REFERENCES users(id),
      assignee_team text,
      due_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolution text CHECK (resolution IN ('corrected_revalidated','overridden','voided','credited')),
      resolution_reason text,
      resolved_by text,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT exceptions_rule_version_needs_rule CHECK (rule_version IS NULL OR rule_id IS NOT NULL),
      CONSTRAINT exceptions_resolution_recorded CHECK (
        (status = 'open' AND resolved_at IS NULL AND resolution IS NULL AND resolved_by IS NULL)
        OR (status = 'resolved' AND resolved_at IS NOT NULL AND resolution IS NOT NULL AND resolved_by IS NOT NULL)
      ),
      CONSTRAINT exceptions_override_has_reason CHECK (
        resolution IS DISTINCT FROM 'overridden' OR length(trim(coalesce(resolution_reason, ''))) > 0
      )
    );
    CREATE UNIQUE INDEX exceptions_open_once ON exceptions (document_type, document_id, (coalesce(rule_id, 'category:' || category)))
      WHERE status = 'open';
    CREATE INDEX exceptions_document ON exceptions (document_id, id);
    CREATE INDEX exceptions_entity ON exceptions (entity_id, status, id);
    CREATE INDEX exceptions_open_team ON exceptions (assignee_team, due_at) WHERE status = 'open';
    CREATE INDEX exceptions_open_user ON exceptions (assignee_user_id, due_at) WHERE status = 'open' AND assignee_user_id IS NOT NULL;
    CREATE INDEX exceptions_open_category ON exceptions (category, due_at) WHERE status = 'open';
    CREATE INDEX exceptions_open_due ON exceptions (due_at) WHERE status = 'open';

    CREATE TABLE exception_comments (
      id text PRIMARY KEY,
      exception_id text NOT NULL REFERENCES exceptions(id),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      author text NOT NULL,
      body text NOT NULL CHECK (length(trim(body)) > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX exception_comments_exception ON exception_comments (exception_id, id);

    CREATE FUNCTION exceptions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'exceptions' THEN
        IF OLD.status = 'open' THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION '% on % refused: exceptions are resolved, never removed, and a resolution is final', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER exceptions_keep BEFORE UPDATE OR DELETE ON exceptions
      FOR EACH ROW EXECUTE FUNCTION exceptions_refuse_change();
    CREATE TRIGGER exceptions_no_truncate BEFORE TRUNCATE ON exceptions
      FOR EACH STATEMENT EXECUTE FUNCTION exceptions_refuse_change();
    CREATE TRIGGER exception_comments_append_only BEFORE UPDATE OR DELETE ON exception_comments
      FOR EACH ROW EXECUTE FUNCTION exceptions_refuse_change();
    CREATE TRIGGER exception_comments_no_truncate BEFORE TRUNCATE ON exception_comments
      FOR EACH STATEMENT EXECUTE FUNCTION exceptions_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE exception_comments;
    DROP TABLE exceptions;
    DROP FUNCTION exceptions_refuse_change();
    DROP TABLE exception_sla_policies;
  `);
}
