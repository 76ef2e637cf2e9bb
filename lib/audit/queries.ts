import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, tables } from "@/lib/db";
import { can, type Viewer } from "@/lib/auth/policy";

export type AuditFilters = {
  action?: string;
  /** Matches the actor's or the target person's name or email, or an email the event names. */
  person?: string;
  ip?: string;
  from?: Date;
  to?: Date;
  /** Paging: only events with a smaller id (older). */
  before?: number;
};

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  targetEmail: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export const AUDIT_PAGE_SIZE = 50;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listAuditEvents(viewer: Viewer, filters: AuditFilters, limit = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  // The page answers 404 first; this is the data's own guard.
  if (!can(viewer.role, "audit.read")) throw new Error("audit.read is required to read the audit log");
  const db = await getDb();
  const a = tables.auditEvents;
  const actor = alias(tables.users, "actor");
  const target = alias(tables.users, "target");
  const where: SQL[] = [];
  if (filters.action) where.push(eq(a.action, filters.action));
  if (filters.ip) where.push(eq(a.ip, filters.ip));
  if (filters.from) where.push(gte(a.at, filters.from));
  if (filters.to) where.push(lt(a.at, filters.to));
  if (filters.before) where.push(lt(a.id, filters.before));
  if (filters.person) {
    const pattern = `%${escapeLike(filters.person.trim())}%`;
    where.push(
      or(
        ilike(actor.name, pattern),
        ilike(actor.email, pattern),
        ilike(target.name, pattern),
        ilike(target.email, pattern),
        ilike(sql`${a.details}->>'email'`, pattern),
      )!,
    );
  }
  const rows = await db
    .select({
      id: a.id,
      at: a.at,
      action: a.action,
      actorName: actor.name,
      actorEmail: actor.email,
      targetType: a.targetType,
      targetId: a.targetId,
      targetName: target.name,
      targetEmail: target.email,
      ip: a.ip,
      details: a.details,
    })
    .from(a)
    .leftJoin(actor, eq(actor.id, a.actorId))
    .leftJoin(target, and(eq(a.targetType, "user"), eq(sql`${target.id}::text`, a.targetId)))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(a.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** Every action that has happened, for the filter's choices. */
export async function listAuditActions(viewer: Viewer): Promise<string[]> {
  if (!can(viewer.role, "audit.read")) throw new Error("audit.read is required to read the audit log");
  const db = await getDb();
  const rows = await db.selectDistinct({ action: tables.auditEvents.action }).from(tables.auditEvents).orderBy(tables.auditEvents.action);
  return rows.map((r) => r.action);
}
