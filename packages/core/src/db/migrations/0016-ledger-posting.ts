import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Posting to the ERP, first connector: the built-in ledger (docs/posting.md).
 *
 * - `ledger_journals`: one journal entry per posted document — its id is the "ERP
 *   document id" stored on the document. `(connector, external_id)` is unique: the
 *   external id is deterministic per document, so a retried or replayed posting finds
 *   the entry it already made instead of posting twice (exactly once).
 * - `ledger_lines`: the entry's debit and credit lines (account, dimensions), balanced per
 *   entry (checked when written). Journals and lines are append-only.
 * - `integration_events`: every posting attempt with its business context (document,
 *   party, amount, entity, connector, operation, attempt, latency, outcome, the ERP's
 *   error and our exception category). Append-only.
 * - `invoices.erp_document_id` / `posted_at`: where and when the document was posted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE invoices ADD COLUMN erp_document_id text;
    ALTER TABLE invoices ADD COLUMN posted_at timestamptz;

    CREATE TABLE ledger_journals (
      id text PRIMARY KEY,
      connector text NOT NULL,
      external_id text NOT NULL,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill','payment','journal_entry')),
      document_id text NOT NULL,
      document_number text,
      posting_date date NOT NULL,
      currency char(3) NOT NULL,
      memo text NOT NULL,
      created_at timestamptz NOT NULL,
      CONSTRAINT ledger_journals_once UNIQUE (connector, external_id)
    );
    CREATE INDEX ledger_journals_entity_date ON ledger_journals (entity_id, posting_date);

    CREATE TABLE ledger_lines (
      id text PRIMARY KEY,
      journal_id text NOT NULL REFERENCES ledger_journals(id),
      line_no integer NOT NULL,
      account_code text NOT NULL,
      debit_minor bigint NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
      credit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
      dimensions jsonb NOT NULL DEFAULT '{}',
      memo text NOT NULL DEFAULT '',
      CONSTRAINT ledger_lines_one_side CHECK ((debit_minor = 0) <> (credit_minor = 0)),
      UNIQUE (journal_id, line_no)
    );
    CREATE INDEX ledger_lines_account ON ledger_lines (account_code);

    CREATE TABLE integration_events (
      id text PRIMARY KEY,
      connector text NOT NULL,
      operation text NOT NULL,
      document_type text NOT NULL,
      document_id text NOT NULL,
      document_number text,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      party_id text,
      amount_minor bigint,
      currency char(3),
      external_id text NOT NULL,
      attempt integer NOT NULL CHECK (attempt > 0),
      outcome text NOT NULL CHECK (outcome IN ('posted','already_posted','failed')),
      erp_document_id text,
      http_status integer,
      error_code text,
      error_message text,
      exception_category text,
      latency_ms integer NOT NULL CHECK (latency_ms >= 0),
      at timestamptz NOT NULL
    );
    CREATE INDEX integration_events_document ON integration_events (document_id, at);
    CREATE INDEX integration_events_at ON integration_events (at);
    CREATE INDEX integration_events_failed ON integration_events (connector, at) WHERE outcome = 'failed';

    CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on % refused: the ledger and the integration event log are append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
    CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
    CREATE TRIGGER integration_events_append_only BEFORE UPDATE OR DELETE ON integration_events FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE integration_events;
    DROP TABLE ledger_lines;
    DROP TABLE ledger_journals;
    DROP FUNCTION ledger_refuse_change();
    ALTER TABLE invoices DROP COLUMN posted_at;
    ALTER TABLE invoices DROP COLUMN erp_document_id;
  `);
}
