import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Stored simulations of control releases (docs/rule-releases.md, "Simulation"): every run
 * of `simulateRelease` keeps what it found, so the reviewer who publishes sees what the
 * author saw, and the record says who simulated which revision of which version, when,
 * over which window, and which documents would change.
 *
 * - One row per run: the release (`release_id`, and its kind and version for look-ups),
 *   the draft's `revision` simulated, the version in force it was compared with, the
 *   window (`days`, `window_from` … `as_of`), `counts`, the listed `changes` (at most
 *   `change_limit`; `truncated` when more changed), the documents `skipped`, and who ran it.
 * - Append-only, like the audit trail: the trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE release_simulations (
      id text PRIMARY KEY,
      release_id text NOT NULL REFERENCES control_releases(id),
      kind text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      revision integer NOT NULL CHECK (revision > 0),
      in_force_version integer,
      days integer NOT NULL CHECK (days BETWEEN 1 AND 366),
      window_from timestamptz NOT NULL,
      as_of timestamptz NOT NULL,
      counts jsonb NOT NULL,
      changes jsonb NOT NULL,
      change_limit integer NOT NULL CHECK (change_limit > 0),
      truncated boolean NOT NULL,
      skipped jsonb NOT NULL,
      actor text NOT NULL,
      actor_user_id text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX release_simulations_release ON release_simulations (kind, version, created_at DESC, id DESC);

    CREATE FUNCTION release_simulations_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on release_simulations refused: stored simulations are a record', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER release_simulations_append_only BEFORE UPDATE OR DELETE ON release_simulations
      FOR EACH ROW EXECUTE FUNCTION release_simulations_refuse_change();
    CREATE TRIGGER release_simulations_no_truncate BEFORE TRUNCATE ON release_simulations
      FOR EACH STATEMENT EXECUTE FUNCTION release_simulations_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE release_simulations;
    DROP FUNCTION release_simulations_refuse_change();
  `);
}
