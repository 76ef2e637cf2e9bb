import "server-only";
import { getDb, tables, type Database } from "@/lib/db";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

type Writer = Pick<Database, "insert">;

/** Appends one audit event; pass the transaction so the event commits or rolls back with its change. */
export async function recordAudit(entry: AuditEntry, writer?: Writer): Promise<void> {
  const db = writer ?? (await getDb());
  await db.insert(tables.auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
