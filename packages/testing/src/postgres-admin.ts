import pg from 'pg';
import { createDatabase, migrateToLatest } from '@invoiceops/core';

export const TEMPLATE_NAME = 'invoiceops_test_template';

function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** (Re)creates and migrates the template database; returns its name. */
export async function createTemplateDatabase(url: string): Promise<string> {
  await admin(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_NAME} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_NAME}`);
  });
  const handle = await createDatabase({ kind: 'postgres', url: urlForDatabase(url, TEMPLATE_NAME), poolSize: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  return TEMPLATE_NAME;
}

/** A fresh database cloned from the template; returns its URL and a dropper. */
export async function cloneTemplateDatabase(url: string, template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `invoiceops_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: urlForDatabase(url, name),
    drop: () => admin(url, (client) => dropDatabase(client, name)),
  };
}

/**
 * Drops a test database. `WITH (FORCE)` also ends sessions a test left open, but a
 * non-superuser may not end an autovacuum worker busy on it (42501): then a plain DROP,
 * which cancels autovacuum by itself, tried again while the worker lets go.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
