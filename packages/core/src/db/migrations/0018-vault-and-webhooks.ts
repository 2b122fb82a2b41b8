import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The credential vault, outbound webhooks and the inbound webhook rejection log
 * (docs/credential-vault.md, docs/webhooks.md).
 *
 * - `vault_secrets`: one row per named secret (ERP credentials, webhook signing secrets).
 *   Envelope encryption, AES-256-GCM twice: a random data key encrypts the JSON of the
 *   fields (`ciphertext`, `iv`, `tag`); the master key wraps the data key (`wrapped_key`,
 *   `key_iv`, `key_tag`). `master_key_id` is a fingerprint of the wrapping master key, so a
 *   key rotation knows which rows are done. `fields` lists the field names (never values),
 *   for listing. Binary values are stored as base64 text (the same on PGlite and pg).
 * - `webhook_subscriptions`: where events are sent (url, event types or `*`); the signing
 *   secret lives in the vault under `secret_name`, never here.
 * - `outbound_events`: one row per event emitted to at least one subscription, with the
 *   payload exactly as sent (`{type, timestamp, data}`; text, not jsonb, so every attempt
 *   sends the same bytes in the same key order).
 * - `webhook_deliveries`: one row per event and subscription — its id is the
 *   `webhook-id` header (stable across retries, so receivers deduplicate); the state
 *   (pending, retrying, delivered, dead), attempt counts and the last outcome. A delivery
 *   is dead-lettered when `attempt_count` reaches `attempt_limit`; a replay raises the limit.
 * - `webhook_delivery_attempts`: every attempt (status, latency, error, trimmed response).
 *   Append-only.
 * - `inbound_webhook_rejections`: inbound webhooks refused for a bad or missing signature
 *   (source, webhook id, reason, remote address). Append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE vault_secrets (
      name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'),
      fields text[] NOT NULL,
      ciphertext text NOT NULL,
      iv text NOT NULL,
      tag text NOT NULL,
      wrapped_key text NOT NULL,
      key_iv text NOT NULL,
      key_tag text NOT NULL,
      master_key_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX vault_secrets_master_key ON vault_secrets (master_key_id);

    CREATE TABLE webhook_subscriptions (
      id text PRIMARY KEY,
      url text NOT NULL CHECK (url ~ '^https?://'),
      event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
      description text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      secret_name text NOT NULL UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX webhook_subscriptions_active ON webhook_subscriptions (id) WHERE active;

    CREATE TABLE outbound_events (
      id text PRIMARY KEY,
      type text NOT NULL,
      payload text NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      event_id text NOT NULL REFERENCES outbound_events(id),
      subscription_id text NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
      event_type text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','retrying','delivered','dead')),
      attempt_count integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
      attempt_limit integer NOT NULL CHECK (attempt_limit > 0),
      replay_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_status integer,
      last_error text,
      last_response text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
    CREATE INDEX webhook_deliveries_state ON webhook_deliveries (state, id);
    CREATE INDEX webhook_deliveries_event_type ON webhook_deliveries (event_type, id);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

    CREATE TABLE webhook_delivery_attempts (
      id text PRIMARY KEY,
      delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempt integer NOT NULL CHECK (attempt > 0),
      status integer,
      latency_ms integer NOT NULL CHECK (latency_ms >= 0),
      error text,
      response_body text,
      at timestamptz NOT NULL
    );
    CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempt);

    CREATE TABLE inbound_webhook_rejections (
      id text PRIMARY KEY,
      source text NOT NULL,
      webhook_id text,
      reason text NOT NULL,
      detail text NOT NULL,
      remote_address text,
      received_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inbound_webhook_rejections_received ON inbound_webhook_rejections (received_at);
    CREATE INDEX inbound_webhook_rejections_source ON inbound_webhook_rejections (source, id);

    CREATE FUNCTION webhooks_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on % refused: the log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER webhook_delivery_attempts_append_only BEFORE UPDATE ON webhook_delivery_attempts FOR EACH ROW EXECUTE FUNCTION webhooks_refuse_change();
    CREATE TRIGGER inbound_webhook_rejections_append_only BEFORE UPDATE ON inbound_webhook_rejections FOR EACH ROW EXECUTE FUNCTION webhooks_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE inbound_webhook_rejections;
    DROP TABLE webhook_delivery_attempts;
    DROP TABLE webhook_deliveries;
    DROP TABLE outbound_events;
    DROP TABLE webhook_subscriptions;
    DROP TABLE vault_secrets;
    DROP FUNCTION webhooks_refuse_change();
  `);
}
