/**
 * Turns lines of a usage file into CloudEvents for `ingestUsageEvents`, so a file import
 * goes through exactly the same validation and idempotency as the API.
 *
 * - NDJSON: one CloudEvent (JSON object) per line.
 * - CSV: a header row naming columns `id`, `source`, `type`, `subject`, `time`, and
 *   optionally `quantity`, `corrects` and any other columns, which become `data`
 *   properties (values kept as text). RFC 4180 quoting ("a ""quoted"" value", commas
 *   and quotes inside quotes).
 */
export type UsageFileFormat = 'ndjson' | 'csv';

/** Splits one CSV line into fields (RFC 4180, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

const ENVELOPE = new Set(['id', 'source', 'type', 'subject', 'time', 'corrects']);

/** A CSV row (with its header) as a CloudEvent; missing envelope fields are left out so validation names them. */
export function csvRowToCloudEvent(header: readonly string[], fields: readonly string[]): Record<string, unknown> {
  const event: Record<string, unknown> = { specversion: '1.0' };
  const data: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const value = fields[index];
    if (value === undefined || value === '') return;
    if (ENVELOPE.has(name)) event[name] = value;
    else data[name] = value;
  });
  event.data = data;
  return event;
}

/** One line of an NDJSON file as a CloudEvent, or the text of a parse error. */
export function ndjsonLineToCloudEvent(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    return `line is not JSON: ${(error as Error).message}`;
  }
}
