import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Control releases (docs/rule-releases.md): versioned rule sets, approval policies and,
 * later, ERP mappings, released like code.
 *
 * - One row per version of a kind, numbered 1, 2, 3 per kind when the draft is created; a
 *   discarded draft keeps its number (the record stays), so published numbers can have gaps.
 * - `draft` → `published` or `discarded`. At most one open draft per kind
 *   (`control_releases_one_draft`).
 * - A published or discarded row is final: the trigger refuses every UPDATE of it, and
 *   DELETE and TRUNCATE always. Only a draft changes (and `revision` counts its edits).
 * - The version in force at a time is the published row with the latest `effective_from`
 *   not after that time; publishing keeps effective times in version order.
 * - `editors` lists everyone who changed the draft after its author ({actor, userId}), for
 *   the four-eyes check at publish.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE control_releases (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
      version integer NOT NULL CHECK (version > 0),
      status text NOT NULL CHECK (status IN ('draft','published','discarded')),
      body jsonb NOT NULL,
      notes text,
      based_on_version integer,
      author text NOT NULL,
      author_user_id text,
      editors jsonb NOT NULL DEFAULT '[]',
      revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      published_at timestamptz,
      published_by text,
      publisher_user_id text,
      effective_from timestamptz,
      discarded_at timestamptz,
      discarded_by text,
      CONSTRAINT control_releases_kind_version UNIQUE (kind, version),
      CONSTRAINT control_releases_published_recorded CHECK (
        (status = 'published') = (published_at IS NOT NULL AND published_by IS NOT NULL AND effective_from IS NOT NULL)
      ),
      CONSTRAINT control_releases_discard_recorded CHECK (
        (status = 'discarded') = (discarded_at IS NOT NULL AND discarded_by IS NOT NULL)
      )
    );
    CREATE UNIQUE INDEX control_releases_one_draft ON control_releases (kind) WHERE status = 'draft';
    CREATE INDEX control_releases_in_force ON control_releases (kind, effective_from DESC, version DESC) WHERE status = 'published';

    CREATE FUNCTION control_releases_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF OLD.status = 'draft' THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION '% on control_releases refused: published and discarded versions are final', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER control_releases_final BEFORE UPDATE OR DELETE ON control_releases
      FOR EACH ROW EXECUTE FUNCTION control_releases_refuse_change();
    CREATE TRIGGER control_releases_no_truncate BEFORE TRUNCATE ON control_releases
      FOR EACH STATEMENT EXECUTE FUNCTION control_releases_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE control_releases;
    DROP FUNCTION control_releases_refuse_change();
  `);
}
