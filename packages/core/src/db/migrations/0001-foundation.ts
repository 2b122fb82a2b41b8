import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Foundation schema: reference data, master data, identity and access, audit,
 * idempotency and the job table. Plain PostgreSQL 15+ SQL: the same statements run on
 * PGlite and on a server. Tables that will be distributed later carry their entity or
 * customer key (see DESIGN.md, Citus).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE currencies (
      code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
      name text NOT NULL,
      minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
      active boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE fx_rates (
      id text PRIMARY KEY,
      base_currency char(3) NOT NULL REFERENCES currencies(code),
      quote_currency char(3) NOT NULL REFERENCES currencies(code),
      rate numeric(30, 12) NOT NULL CHECK (rate > 0),
      effective_date date NOT NULL,
      source text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (base_currency <> quote_currency),
      UNIQUE (base_currency, quote_currency, effective_date, source)
    );
    CREATE INDEX fx_rates_lookup ON fx_rates (base_currency, quote_currency, effective_date DESC);

    CREATE TABLE legal_entities (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      legal_name text NOT NULL,
      country char(2) NOT NULL,
      functional_currency char(3) NOT NULL REFERENCES currencies(code),
      tax_registrations jsonb NOT NULL DEFAULT '[]',
      address jsonb NOT NULL,
      time_zone text NOT NULL,
      rounding_mode text NOT NULL DEFAULT 'half_up',
      invoice_series jsonb NOT NULL DEFAULT '[]',
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Gapless legal numbering: one row per entity and series, incremented under a row lock
    -- inside the finalizing transaction (a rollback gives the number back).
    CREATE TABLE number_series (
      entity_id text NOT NULL REFERENCES legal_entities(id),
      series text NOT NULL,
      prefix text NOT NULL,
      next_number bigint NOT NULL DEFAULT 1 CHECK (next_number > 0),
      padding smallint NOT NULL DEFAULT 6,
      PRIMARY KEY (entity_id, series)
    );

    CREATE TABLE gl_accounts (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('asset','liability','equity','revenue','expense')),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE gl_dimensions (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      required_for text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE gl_dimension_values (
      id text PRIMARY KEY,
      dimension_code text NOT NULL REFERENCES gl_dimensions(code),
      code text NOT NULL,
      name text NOT NULL,
      owner_user_id text,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (dimension_code, code)
    );

    CREATE TABLE tax_jurisdictions (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      country char(2) NOT NULL,
      region text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE tax_codes (
      id text PRIMARY KEY,
      code text NOT NULL,
      jurisdiction_code text NOT NULL REFERENCES tax_jurisdictions(code),
      name text NOT NULL,
      rate numeric(9, 6) NOT NULL CHECK (rate >= 0 AND rate < 100),
      vat_category char(2) NOT NULL CHECK (vat_category IN ('S','Z','E','AE','K','G','O','L','M')),
      tax_category text NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to IS NULL OR valid_to > valid_from),
      UNIQUE (code, valid_from)
    );

    CREATE TABLE products (
      id text PRIMARY KEY,
      sku text NOT NULL UNIQUE,
      name text NOT NULL,
      description text,
      unit text NOT NULL,
      revenue_account_code text NOT NULL REFERENCES gl_accounts(code),
      tax_category text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE customers (
      id text PRIMARY KEY,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      number text NOT NULL,
      name text NOT NULL,
      billing_currency char(3) NOT NULL REFERENCES currencies(code),
      tax_id text,
      tax_id_type text,
      tax_exempt boolean NOT NULL DEFAULT false,
      exemption_certificate_ref text,
      po_required boolean NOT NULL DEFAULT false,
      payment_terms_days integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
      billing_address jsonb NOT NULL,
      contacts jsonb NOT NULL DEFAULT '[]',
      time_zone text NOT NULL,
      segment text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (NOT tax_exempt OR exemption_certificate_ref IS NOT NULL),
      UNIQUE (entity_id, number)
    );
    CREATE INDEX customers_entity ON customers (entity_id, id);

    CREATE TABLE suppliers (
      id text PRIMARY KEY,
      number text NOT NULL UNIQUE,
      name text NOT NULL,
      entity_ids text[] NOT NULL CHECK (cardinality(entity_ids) > 0),
      country char(2) NOT NULL,
      tax_id text,
      tax_id_type text,
      bank_account jsonb,
      payment_terms_days integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
      default_coding jsonb,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX suppliers_entities ON suppliers USING gin (entity_ids);

    -- The one place where cross-system identity lives.
    CREATE TABLE external_ids (
      id text PRIMARY KEY,
      system text NOT NULL,
      object_type text NOT NULL,
      external_id text NOT NULL,
      object_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (system, object_type, external_id),
      UNIQUE (system, object_type, object_id)
    );
    CREATE INDEX external_ids_object ON external_ids (object_type, object_id);

    CREATE TABLE users (
      id text PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      kind text NOT NULL DEFAULT 'human' CHECK (kind IN ('human','machine')),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email ON users (lower(email));

    -- entity_id NULL grants the role for every entity.
    CREATE TABLE role_grants (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      role text NOT NULL,
      entity_id text REFERENCES legal_entities(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, coalesce(entity_id, '*'));

    CREATE TABLE approval_limits (
      user_id text NOT NULL REFERENCES users(id),
      currency char(3) NOT NULL REFERENCES currencies(code),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, currency)
    );

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_keys (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      name text NOT NULL,
      token_prefix text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0),
      entity_ids text[],
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      id text NOT NULL UNIQUE,
      occurred_at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text NOT NULL,
      entity_id text,
      diff jsonb NOT NULL,
      reason text,
      request_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);

    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

    CREATE TABLE idempotency_keys (
      principal text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('in_progress','completed')),
      status_code integer,
      response_body text,
      response_headers jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (principal, key)
    );
    CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

    CREATE TABLE jobs (
      id text PRIMARY KEY,
      type text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','succeeded','failed','dead')),
      run_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 10,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX jobs_claim ON jobs (run_at) WHERE state = 'queued';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP TABLE jobs, idempotency_keys, audit_log, api_keys, sessions, approval_limits,
      role_grants, users, external_ids, suppliers, customers, products, tax_codes,
      tax_jurisdictions, gl_dimension_values, gl_dimensions, gl_accounts, number_series,
      legal_entities, fx_rates, currencies CASCADE;
    DROP FUNCTION audit_log_refuse_change();
  `);
}
