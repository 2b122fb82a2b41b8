import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, billableMetricResource, createDatabase, createRecord } from '@invoiceops/core';

const BIN = join(import.meta.dirname, '../bin/invoiceops.js');
const dataDir = mkdtempSync(join(tmpdir(), 'invoiceops-cli-'));

/** Runs the real CLI on a throwaway embedded database. */
function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, INVOICEOPS_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test runs the real CLI, one process at a time, on a fresh embedded database: the first
// migration of a new folder alone takes seconds, and several times that when the suite loads both cores.
describe('invoiceops CLI (embedded database)', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, then reports the database as up to date', () => {
    const first = cli(['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied 0001-foundation/);
    expect(cli(['migrate']).stdout).toMatch(/up to date/);
  });

  it('seeds a small demo company and verifies the audit chain over it', () => {
    const seeded = cli(['seed', '--customers', '25', '--suppliers', '5']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/seeded 25 customers/);
    const verified = cli(['audit', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: \d+ rows verified/);
  });

  it('refuses to seed twice with a one-line error', () => {
    const again = cli(['seed', '--customers', '5']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^invoiceops: error: .*(empty|already)/);
  });

  it('creates a user with an entity-scoped role, and names a bad role in one line', () => {
    const created = cli(['users', 'create', '--email', 'dana@example.com', '--name', 'Dana', '--role', 'ar_clerk@DE01', '--password-stdin'], 'a long enough password\n');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/created user usr_\w+ <dana@example.com> with ar_clerk/);
    const bad = cli(['users', 'create', '--email', 'eve@example.com', '--name', 'Eve', '--role', 'superuser', '--password-stdin'], 'a long enough password\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('invoiceops: error: unknown role "superuser"; roles are ar_clerk, ap_clerk, approver, controller, admin, auditor, integration\n');
  });

  it('issues an API key whose secret is printed once', () => {
    const issued = cli(['users', 'api-key', '--user', 'integration@demo.invoiceops.dev', '--name', 'netsuite sync']);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stdout).toMatch(/secret \(shown once\): iok_[\w-]{20,}/);
    const listed = cli(['users', 'api-keys']);
    expect(listed.stdout).toContain('netsuite sync');
    expect(listed.stdout).not.toMatch(/iok_[\w-]{20,}/);
  });

  it('imports usage from CSV with a progress report, rejecting bad lines by number, and counts a re-import as duplicates', async () => {
    const handle = await createDatabase({ kind: 'pglite', dataDir });
    // a metric of our own, so the test does not depend on which metrics the demo seeds
    const data = billableMetricResource.createSchema.parse({ code: 'cli.test.calls', name: 'CLI test calls', aggregation: 'sum', unit: 'call' }) as Record<string, unknown>;
    await createRecord(handle.db, SYSTEM_CONTEXT, billableMetricResource, { data, scope: ALL_ENTITIES });
    const customer = await handle.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow();
    await handle.close();
    const file = join(dataDir, 'usage.csv');
    writeFileSync(file, [
      'id,source,type,subject,time,quantity,region',
      `u1,/import,cli.test.calls,${customer.id},2026-10-01T10:00:00Z,120,eu`,
      `u2,/import,cli.test.calls,${customer.id},2026-10-02T10:00:00Z,"80.5",eu`,
      `u3,/import,cli.test.calls,unknown-customer,2026-10-02T10:00:00Z,5,eu`,
      `u4,/import,cli.test.calls,${customer.id},2026-10-03T10:00:00Z,1,us`,
    ].join('\n'));
    const first = cli(['usage', 'import', file]);
    expect(first.code).toBe(3);
    // stored but flagged for review: no contract of the customer prices this metric
    expect(first.stdout).toContain('0 accepted, 3 flagged for review, 0 duplicates, 1 rejected');
    expect(first.stdout).toMatch(/rejected line 4: unknown customer/);
    // The embedded database has no autovacuum: the import leaves the events analyzed for the next bill run.
    expect(first.stderr).toContain('vacuuming and analyzing the imported events');
    const analyzed = await createDatabase({ kind: 'pglite', dataDir });
    const stats = await analyzed.pglite!.query<{ rows: number }>("SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'usage_events'");
    await analyzed.close();
    expect(stats.rows[0]!.rows).toBeGreaterThanOrEqual(3);
    const again = cli(['usage', 'import', file]);
    expect(again.stdout).toContain('0 accepted, 0 flagged for review, 3 duplicates, 1 rejected');
  });

  it('lists held usage and reviews it: a rejection with a reason, a release refused in words when no contract prices it, a bad reference in one line', async () => {
    const handle = await createDatabase({ kind: 'pglite', dataDir });
    const held = await handle.db.selectFrom('usageEvents').select(['customerId', 'id', 'eventId']).where('metricCode', '=', 'cli.test.calls').where('status', '=', 'flagged').orderBy('eventId').execute();
    await handle.close();
    expect(held.map((e) => e.eventId)).toEqual(['u1', 'u2', 'u4']);
    const ref = (e: { customerId: string; id: string }) => `${e.customerId}:${e.id}`;

    const listed = cli(['usage', 'held', '--customer', held[0]!.customerId]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${ref(held[0]!)}  2026-10-01T10:00:00.000Z  cli.test.calls 120  metric cli.test.calls is not in the customer's contract on 2026-10-01`);

    const rejected = cli(['usage', 'review', ref(held[0]!), '--decision', 'reject', '--reason', 'test traffic']);
    expect([rejected.code, rejected.stdout.trim()]).toEqual([0, '0 released, 1 rejected, 0 refused']);
    const refused = cli(['usage', 'review', ref(held[1]!), ref(held[0]!), '--decision', 'release', '--reason', 'bill it']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('0 released, 0 rejected, 2 refused');
    expect(refused.stdout).toContain(`refused ${ref(held[1]!)}: no contract line of the customer rates cli.test.calls on 2026-10-02, so it would never be billed`);
    expect(refused.stdout).toContain(`refused ${ref(held[0]!)}: it was rejected already`);

    const bad = cli(['usage', 'review', 'use_only', '--decision', 'reject', '--reason', 'x']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('use_only is not CUSTOMER:EVENT_ID');
  });
});
