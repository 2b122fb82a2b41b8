import { sql, type RawBuilder } from 'kysely';

/**
 * A JSON document (the text of one, such as a batch of rows for `json_to_recordset`) as a
 * statement parameter of type json, sent as its UTF-8 bytes in the binary format (which for
 * json is the text itself). Encoded natively here, where a string parameter costs the
 * embedded database's client a JavaScript loop over every character to size it (a bill
 * run's rows are tens of megabytes). The embedded database passes such bytes through
 * (see `createDatabase`); `pg` sends a Buffer in the binary format as it is.
 */
export function jsonParam(text: string): RawBuilder<unknown> {
  return sql`${Buffer.from(text, 'utf8')}::json`;
}
