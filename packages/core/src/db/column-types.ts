import type { ColumnType, JSONColumnType } from 'kysely';

/** Column helpers shared by the table files (driver conventions: see `schema.ts`). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DateOnly = ColumnType<string, string, string>;
export type Version = ColumnType<number, number | undefined, number>;
export type Json<T extends object | null> = JSONColumnType<T, string, string>;
