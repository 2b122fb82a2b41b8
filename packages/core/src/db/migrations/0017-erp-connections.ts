import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * External ERP connections and the resilience state every worker shares (docs/erp-connectors.md).
 *
 * - `erp_connections`: where documents of which entities are posted (connector kind, base
 *   URL, non-secret settings, the vault secret holding the credentials), with the limits
 *   and circuit-breaker settings. An entity without a connection posts to the built-in ledger.
 * - `connector_states`: one row per connection — the circuit breaker (closed / open /
 *   half-open, consecutive failures, when to probe) and the rate limiter's token bucket.
 *   Kept in the database so any number of worker processes share one limit and one breaker.
 * - `connector_slots`: the concurrency limit as leased slots (`FOR UPDATE SKIP LOCKED`); a
 *   slot whose holder died is free again when its lease runs out.
 * - `integration_events.outcome` gains `retrying` (a transient failure the job retries)
 *   and `dead` (attempts exhausted), and events get the worker job's id.
 * - `jobs`: the claim order breaks run_at ties by creation (deferred jobs drain in order);
 *   indexes for expired leases and dead letters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE erp_connections (
      name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,39}$'),
      kind text NOT NULL,
      base_url text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      secret_name text,
      entity_ids text[],
      enabled boolean NOT NULL DEFAULT true,
      max_concurrency integer NOT NULL CHECK (max_concurrency BETWEEN 1 AND 1000),
      max_per_minute integer NOT NULL CHECK (max_per_minute BETWEEN 1 AND 1000000),
      timeout_ms integer NOT NULL DEFAULT 30000 CHECK (timeout_ms BETWEEN 100 AND 900000),
      breaker_threshold integer NOT NULL DEFAULT 5 CHECK (breaker_threshold BETWEEN 1 AND 1000),
      breaker_cooldown_ms integer NOT NULL DEFAULT 30000 CHECK (breaker_cooldown_ms BETWEEN 100 AND 86400000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE connector_states (
      connection text PRIMARY KEY REFERENCES erp_connections(name) ON DELETE CASCADE,
      circuit text NOT NULL DEFAULT 'closed' CHECK (circuit IN ('closed','open','half_open')),
      consecutive_failures integer NOT NULL DEFAULT 0,
      opened_at timestamptz,
      next_probe_at timestamptz,
      probe_until timestamptz,
      tokens double precision NOT NULL DEFAULT 0,
      tokens_at timestamptz NOT NULL DEFAULT now(),
      last_success_at timestamptz,
      last_failure_at timestamptz,
      last_error text
    );

    CREATE TABLE connector_slots (
      connection text NOT NULL REFERENCES erp_connections(name) ON DELETE CASCADE,
      slot integer NOT NULL,
      held_by text,
      held_until timestamptz NOT NULL DEFAULT '-infinity',
      PRIMARY KEY (connection, slot)
    );

    ALTER TABLE integration_events DROP CONSTRAINT integration_events_outcome_check;
    ALTER TABLE integration_events ADD CONSTRAINT integration_events_outcome_check
      CHECK (outcome IN ('posted','already_posted','failed','retrying','dead'));
    ALTER TABLE integration_events ADD COLUMN job_id text;

    DROP INDEX jobs_claim;
    CREATE INDEX jobs_claim ON jobs (run_at, created_at) WHERE state = 'queued';
    CREATE INDEX jobs_running ON jobs (locked_until) WHERE state = 'running';
    CREATE INDEX jobs_dead ON jobs (type, finished_at) WHERE state = 'dead';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX jobs_dead;
    DROP INDEX jobs_running;
    DROP INDEX jobs_claim;
    CREATE INDEX jobs_claim ON jobs (run_at) WHERE state = 'queued';
    ALTER TABLE integration_events DROP COLUMN job_id;
    ALTER TABLE integration_events DROP CONSTRAINT integration_events_outcome_check;
    ALTER TABLE integration_events ADD CONSTRAINT integration_events_outcome_check CHECK (outcome IN ('posted','already_posted','failed'));
    DROP TABLE connector_slots, connector_states, erp_connections;
  `);
}
