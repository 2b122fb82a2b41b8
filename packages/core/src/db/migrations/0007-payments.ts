import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Payments, their applications to invoices, customer credit balances and the log of
 * processed gateway webhook events.
 *
 * Every unit of money a payment brought in is in exactly one place, which a CHECK holds:
 * applied to invoices, unapplied (the customer's credit balance), refunded, or held by a
 * dispute. `payment_applications` is append-only: a refund or dispute adds negative rows,
 * so an invoice's payment history can always be replayed and aged at any past date
 * (`effective_on`). `customer_credit_balances` is the running balance per customer and
 * currency (never negative), `credit_balance_entries` the ledger that explains it.
 *
 * `(source, external_id)` is unique so a gateway payment (a Stripe PaymentIntent) is
 * recorded once however many events announce it; `webhook_events (source, event_id)` makes
 * each delivered event count once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE payments (
      id text PRIMARY KEY,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      customer_id text NOT NULL REFERENCES customers(id),
      currency char(3) NOT NULL REFERENCES currencies(code),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      applied_minor bigint NOT NULL DEFAULT 0 CHECK (applied_minor >= 0),
      unapplied_minor bigint NOT NULL DEFAULT 0 CHECK (unapplied_minor >= 0),
      refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
      disputed_minor bigint NOT NULL DEFAULT 0 CHECK (disputed_minor >= 0),
      received_on date NOT NULL,
      method text NOT NULL CHECK (method IN ('card','bank_transfer','direct_debit','other')),
      source text NOT NULL CHECK (source IN ('api','stripe')),
      external_id text,
      charge_id text,
      reference text,
      status text NOT NULL CHECK (status IN ('succeeded','failed','refunded','partially_refunded','disputed')),
      dispute_status text CHECK (dispute_status IN ('open','won','lost')),
      dispute_id text,
      failure_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, external_id),
      CONSTRAINT payments_money_accounted CHECK (
        status = 'failed' OR applied_minor + unapplied_minor + refunded_minor + disputed_minor = amount_minor
      )
    );
    CREATE INDEX payments_customer ON payments (customer_id, currency, received_on);
    CREATE INDEX payments_unapplied ON payments (customer_id, currency, received_on, id) WHERE unapplied_minor > 0;
    CREATE INDEX payments_charge ON payments (source, charge_id) WHERE charge_id IS NOT NULL;

    CREATE TABLE payment_applications (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      payment_id text NOT NULL REFERENCES payments(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      customer_id text NOT NULL REFERENCES customers(id),
      amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
      reason text NOT NULL CHECK (reason IN ('payment','credit_balance','refund','dispute','dispute_won','payment_failed')),
      effective_on date NOT NULL,
      actor text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payment_applications_payment ON payment_applications (payment_id, seq);
    CREATE INDEX payment_applications_invoice ON payment_applications (invoice_id, effective_on);

    CREATE TABLE customer_credit_balances (
      customer_id text NOT NULL REFERENCES customers(id),
      currency char(3) NOT NULL REFERENCES currencies(code),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      balance_minor bigint NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (customer_id, currency)
    );

    CREATE TABLE credit_balance_entries (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES customers(id),
      currency char(3) NOT NULL REFERENCES currencies(code),
      amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
      reason text NOT NULL CHECK (reason IN ('overpayment','applied_to_invoice','refund','dispute','dispute_won','payment_failed')),
      payment_id text REFERENCES payments(id),
      invoice_id text REFERENCES invoices(id),
      actor text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX credit_balance_entries_customer ON credit_balance_entries (customer_id, currency, created_at);

    CREATE TABLE webhook_events (
      source text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('processed','ignored','rejected')),
      detail text,
      payment_id text REFERENCES payments(id),
      payload jsonb,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, event_id)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `DROP TABLE webhook_events, credit_balance_entries, customer_credit_balances, payment_applications, payments;`);
}
