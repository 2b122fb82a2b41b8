import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Approval routing with segregation of duties (docs/approvals.md).
 *
 * - `entity_approval_limits`: how much a user may approve, per entity (or all entities,
 *   `entity_id` null) in a currency — the entity's functional currency. An entity's own
 *   limit wins over the all-entities one; without either, the user-level limits of
 *   `approval_limits` (migration 0001, all entities) apply. Inclusive.
 * - `approval_delegations`: a user's candidacy handed to another user for a time window
 *   `[starts_at, ends_at)`; revoked by setting `revoked_at`.
 * - `approval_requests`: one per submission of a document for approval. `status`
 *   pending → approved | rejected | cancelled; at most one pending request per document.
 *   `creator_user_id` is the document's creator (who may not approve).
 * - `approval_steps`: the resolved steps of a request. Stages run in order, steps of one
 *   stage in parallel. `status` waiting (stage not open yet) → pending (open, `due_at`
 *   set) → approved | rejected | cancelled. `candidates` is the JSON list of
 *   `{kind:'user',userId,via}` / `{kind:'role',role,via}`; `approved_by` the users who
 *   approved it, `satisfied` the candidate keys (`user:<id>`, `role:<role>`) they stood for. `carried_over`: approved in an
 *   earlier, rejected submission whose content was unchanged.
 * - `approval_actions`: every human approval and rejection, append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE entity_approval_limits (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      entity_id text REFERENCES legal_entities(id),
      currency char(3) NOT NULL REFERENCES currencies(code),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX entity_approval_limits_unique ON entity_approval_limits (user_id, coalesce(entity_id, '*'), currency);

    CREATE TABLE approval_delegations (
      id text PRIMARY KEY,
      from_user_id text NOT NULL REFERENCES users(id),
      to_user_id text NOT NULL REFERENCES users(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      reason text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by text,
      CHECK (from_user_id <> to_user_id),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX approval_delegations_to ON approval_delegations (to_user_id, ends_at) WHERE revoked_at IS NULL;
    CREATE INDEX approval_delegations_from ON approval_delegations (from_user_id, ends_at);

    CREATE TABLE approval_requests (
      id text PRIMARY KEY,
      document_type text NOT NULL CHECK (document_type IN ('invoice','credit_memo','supplier_bill')),
      document_id text NOT NULL,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      policy_id text,
      policy_version integer,
      route_id text NOT NULL,
      amount_minor bigint NOT NULL,
      currency char(3) NOT NULL,
      content_hash text NOT NULL,
      created_by text NOT NULL,
      creator_user_id text,
      settings jsonb NOT NULL DEFAULT '{}',
      submission integer NOT NULL DEFAULT 1,
      previous_request_id text REFERENCES approval_requests(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','cancelled')),
      created_at timestamptz NOT NULL,
      decided_at timestamptz,
      decided_by text,
      rejection_reason text,
      version integer NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests (document_id) WHERE status = 'pending';
    CREATE INDEX approval_requests_document ON approval_requests (document_id, created_at);
    CREATE INDEX approval_requests_entity ON approval_requests (entity_id, status, created_at);

    CREATE TABLE approval_steps (
      id text PRIMARY KEY,
      request_id text NOT NULL REFERENCES approval_requests(id),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      stage integer NOT NULL CHECK (stage >= 0),
      position integer NOT NULL CHECK (position >= 0),
      name text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('any','all')),
      candidates jsonb NOT NULL,
      sla_hours integer NOT NULL CHECK (sla_hours > 0),
      status text NOT NULL CHECK (status IN ('waiting','pending','approved','rejected','cancelled')),
      approved_by text[] NOT NULL DEFAULT '{}',
      satisfied text[] NOT NULL DEFAULT '{}',
      carried_over boolean NOT NULL DEFAULT false,
      opened_at timestamptz,
      due_at timestamptz,
      reminded_at timestamptz,
      escalated_at timestamptz,
      completed_at timestamptz,
      UNIQUE (request_id, stage, position)
    );
    CREATE INDEX approval_steps_open_due ON approval_steps (due_at) WHERE status = 'pending';
    CREATE INDEX approval_steps_candidates ON approval_steps USING gin (candidates jsonb_path_ops) WHERE status = 'pending';

    CREATE TABLE approval_actions (
      id text PRIMARY KEY,
      request_id text NOT NULL REFERENCES approval_requests(id),
      step_id text NOT NULL REFERENCES approval_steps(id),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      action text NOT NULL CHECK (action IN ('approve','reject')),
      actor text NOT NULL,
      actor_user_id text NOT NULL REFERENCES users(id),
      on_behalf_of_user_id text REFERENCES users(id),
      delegation_id text REFERENCES approval_delegations(id),
      comment text,
      at timestamptz NOT NULL
    );
    CREATE INDEX approval_actions_request ON approval_actions (request_id, at);
    CREATE INDEX approval_actions_entity_at ON approval_actions (entity_id, at);

    CREATE FUNCTION approval_actions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on approval_actions refused: approval actions are append-only', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER approval_actions_append_only BEFORE UPDATE OR DELETE ON approval_actions
      FOR EACH ROW EXECUTE FUNCTION approval_actions_refuse_change();
    CREATE TRIGGER approval_actions_no_truncate BEFORE TRUNCATE ON approval_actions
      FOR EACH STATEMENT EXECUTE FUNCTION approval_actions_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE approval_actions;
    DROP FUNCTION approval_actions_refuse_change();
    DROP TABLE approval_steps;
    DROP TABLE approval_requests;
    DROP TABLE approval_delegations;
    DROP TABLE entity_approval_limits;
  `);
}
