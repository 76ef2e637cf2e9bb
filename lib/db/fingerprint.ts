import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Database } from "./open";
import * as schema from "./schema";

/**
 * Every table the schema declares, found from the schema itself, so a table added later is part
 * of every fingerprint without anyone remembering to list it. Nothing is left out: no table is
 * written on every request (signing in and out touch user_sessions, sign-in attempts
 * login_attempts, and a refused request must touch none of them).
 */
export const FINGERPRINTED_TABLES: readonly string[] = (Object.values(schema) as unknown[])
  .flatMap((value) => (is(value, PgTable) ? [getTableConfig(value as PgTable).name] : []))
  .sort();

/**
 * Row count plus an md5 of all rows, per table: equal fingerprints mean no row was added,
 * removed or changed in any column, so a refused request can be shown to have written nothing.
 */
export async function fingerprintDatabase(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of FINGERPRINTED_TABLES) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      db,
      sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table}" t`),
    );
    out[table] = `${row!.n}:${row!.h}`;
  }
  return out;
}
