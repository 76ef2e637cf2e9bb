import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import type { Role } from "@/lib/auth/policy";

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  slug: string;
  role: Role;
  active: boolean;
  sessionEpoch: number;
};

const sessionColumns = {
  id: tables.users.id,
  name: tables.users.name,
  email: tables.users.email,
  slug: tables.users.slug,
  role: tables.users.role,
  active: tables.users.active,
  sessionEpoch: tables.users.sessionEpoch,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserById(id: string): Promise<SessionUser | null> {
  const db = await getDb();
  const [row] = await db.select(sessionColumns).from(tables.users).where(eq(tables.users.id, id));
  return row ?? null;
}

export async function findUserForSignIn(email: string): Promise<(SessionUser & { passwordHash: string }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({ ...sessionColumns, passwordHash: tables.users.passwordHash })
    .from(tables.users)
    .where(eq(tables.users.email, normalizeEmail(email)));
  return row ?? null;
}

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(tables.users);
  return row?.n ?? 0;
}

export type StaffMember = { id: string; name: string };

/** Active newsroom staff, for byline pickers and the desk's author filter. */
export async function listStaff(): Promise<StaffMember[]> {
  const db = await getDb();
  return db
    .select({ id: tables.users.id, name: tables.users.name })
    .from(tables.users)
    .where(eq(tables.users.active, true))
    .orderBy(asc(tables.users.name));
}
