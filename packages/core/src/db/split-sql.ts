/**
 * Splits a migration script into single statements. PGlite's query path (the extended
 * protocol) takes one statement at a time, so migrations written as one script are cut at
 * semicolons that end a line, leaving `$$ ... $$` bodies intact.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollarQuote = false;
  for (const line of script.split('\n')) {
    const dollarCount = line.split('$$').length - 1;
    if (dollarCount % 2 === 1) inDollarQuote = !inDollarQuote;
    current += `${line}\n`;
    if (!inDollarQuote && /;\s*(--.*)?$/.test(line)) {
      const statement = current.trim();
      if (statement.replace(/--.*$/gm, '').trim() !== ';') statements.push(statement);
      current = '';
    }
  }
  if (current.replace(/--.*$/gm, '').trim() !== '') statements.push(current.trim());
  return statements;
}
