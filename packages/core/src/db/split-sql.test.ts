import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './split-sql.ts';

describe('splitSqlStatements', () => {
  it.each([
    ['one statement', 'CREATE TABLE a (x int);', 1],
    ['two statements on two lines', 'CREATE TABLE a (x int);\nCREATE TABLE b (y int);', 2],
    ['comment lines only between', 'SELECT 1;\n-- note\nSELECT 2;', 2],
    ['semicolon inside a function body', "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'x';\nEND\n$$;\nSELECT 1;", 2],
    ['trailing statement without semicolon', 'SELECT 1;\nSELECT 2', 2],
  ])('%s', (_name, script, expected) => {
    expect(splitSqlStatements(script)).toHaveLength(expected);
  });

  it('keeps the function body whole', () => {
    const [fn] = splitSqlStatements("CREATE FUNCTION f() AS $$\nBEGIN\n  PERFORM 1;\nEND\n$$;");
    expect(fn).toContain('PERFORM 1;');
    expect(fn).toContain('END');
  });
});
