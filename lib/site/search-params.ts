/**
 * Query-string input of the dynamic public pages (search, author and tag listings), parsed with zod
 * so that anything odd becomes "no such page" or an empty result, never an exception. Pure.
 */
import { z } from "@/lib/validation/zod";
import { MAX_PAGE } from "./paths";

/** Longer queries are cut, not refused: a pasted paragraph still searches for its beginning. */
export const MAX_QUERY_LENGTH = 200;

const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);

/** undefined/"" -> 1; a valid number -> it; anything else (-1, 1e9, "abc", repeated) -> null. */
export function parsePageParam(value: string | string[] | undefined): number | null {
  if (value === undefined || value === "") return 1;
  if (Array.isArray(value)) return null;
  if (!/^[0-9]{1,7}$/.test(value)) return null;
  const parsed = pageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const CONTROL_CHARS = /[\u0000-\u001F\u007F\uE000\uE001]/g;

/** The search text as PostgreSQL should see it: first value only, no control characters, bounded. */
export function normalizeQuery(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return Array.from(raw.replace(CONTROL_CHARS, " ").trim()).slice(0, MAX_QUERY_LENGTH).join("").trim();
}
