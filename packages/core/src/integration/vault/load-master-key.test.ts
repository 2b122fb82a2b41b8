import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMasterKey, masterKeyFilePath } from './load-master-key.ts';
import { generateMasterKeyText } from './master-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'invoiceops-master-key-'));

describe('loadMasterKey', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes INVOICEOPS_MASTER_KEY first, then INVOICEOPS_MASTER_KEY_FILE', () => {
    const inline = generateMasterKeyText();
    const file = join(dir, 'key-file');
    writeFileSync(file, `${generateMasterKeyText()}\n`);
    const fromFile = loadMasterKey({ INVOICEOPS_MASTER_KEY_FILE: file, DATABASE_URL: 'postgres://db/x' });
    expect(fromFile?.source).toBe(`the master key file ${file}`);
    const both = loadMasterKey({ INVOICEOPS_MASTER_KEY: inline, INVOICEOPS_MASTER_KEY_FILE: file });
    expect(both?.source).toBe('INVOICEOPS_MASTER_KEY');
    expect(both?.id).not.toBe(fromFile?.id);
  });

  it('creates a key file with mode 0600 beside an embedded data folder, once, and reuses it', () => {
    const dataDir = join(dir, 'data');
    const first = loadMasterKey({ INVOICEOPS_DATA_DIR: dataDir });
    const path = masterKeyFilePath(dataDir);
    expect(path).toBe(`${dataDir}.master-key`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(loadMasterKey({ INVOICEOPS_DATA_DIR: dataDir })?.id).toBe(first?.id);
  });

  it('has no key for a PostgreSQL server without one, and one key per process for an in-memory database', () => {
    expect(loadMasterKey({ DATABASE_URL: 'postgres://db/invoiceops' })).toBeUndefined();
    const memory = loadMasterKey({ INVOICEOPS_DATA_DIR: 'memory://' });
    expect(memory).toBeDefined();
    expect(loadMasterKey({ INVOICEOPS_DATA_DIR: 'memory://' })?.id).toBe(memory?.id);
  });

  it('names the setting in one line when a key is malformed or its file is missing, never the key', () => {
    expect(() => loadMasterKey({ INVOICEOPS_MASTER_KEY: 'hunter2' })).toThrow(/^INVOICEOPS_MASTER_KEY has 7 characters that are not the base64 of 32 bytes/);
    expect(() => loadMasterKey({ INVOICEOPS_MASTER_KEY: 'hunter2' })).not.toThrow(/hunter2/);
    const bad = join(dir, 'bad-key');
    writeFileSync(bad, 'not a key\n');
    expect(() => loadMasterKey({ INVOICEOPS_MASTER_KEY_FILE: bad })).toThrow(`the master key file ${bad} has 9 characters`);
    expect(() => loadMasterKey({ INVOICEOPS_MASTER_KEY_FILE: join(dir, 'missing') })).toThrow(/cannot read the master key file .*missing: ENOENT/);
  });
});
