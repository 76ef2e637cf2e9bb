import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { can, type Role, type Viewer } from "@/lib/auth/policy";
import { hashLinkToken, isWellFormedLinkToken } from "./tokens";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One spelling per address: case, surrounding spaces and Unicode compatibility forms (full-width
 * letters) all map to the same account and the same sign-in throttle bucket.
 */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

export async function findUserById(id: string): Promise<SessionUser | null> {
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [row] = await db.select(sessionColumns).from(tables.users).where(eq(tables.users.id, id));
  return row ?? null;
}

/** Several people at once, for re-checking every open collaboration socket in one query. */
export async function findUsersByIds(ids: readonly string[]): Promise<Map<string, SessionUser>> {
  const valid = [...new Set(ids)].filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.select(sessionColumns).from(tables.users).where(inArray(tables.users.id, valid));
  return new Map(rows.map((row) => [row.id, row]));
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

function assertMayManagePeople(viewer: Viewer): void {
  // Pages check first and answer 404; reaching here without the permission is a programming error.
  if (!can(viewer.role, "people.manage")) throw new Error("people.manage is required to read people");
}

export type PersonRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

const personColumns = {
  id: tables.users.id,
  name: tables.users.name,
  email: tables.users.email,
  role: tables.users.role,
  active: tables.users.active,
  lastSignInAt: tables.users.lastSignInAt,
  createdAt: tables.users.createdAt,
};

export async function listPeople(viewer: Viewer): Promise<PersonRow[]> {
  assertMayManagePeople(viewer);
  const db = await getDb();
  return db.select(personColumns).from(tables.users).orderBy(desc(tables.users.active), asc(tables.users.name));
}

export async function findPerson(viewer: Viewer, id: string): Promise<PersonRow | null> {
  assertMayManagePeople(viewer);
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [row] = await db.select(personColumns).from(tables.users).where(eq(tables.users.id, id));
  return row ?? null;
}

export type PendingInvite = { id: string; name: string; email: string; role: Role; expiresAt: Date; createdAt: Date };

export async function listPendingInvites(viewer: Viewer, now = new Date()): Promise<PendingInvite[]> {
  assertMayManagePeople(viewer);
  const db = await getDb();
  const i = tables.invites;
  return db
    .select({ id: i.id, name: i.name, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt })
    .from(i)
    .where(and(eq(i.kind, "invite"), isNull(i.usedAt), isNull(i.revokedAt), gt(i.expiresAt, now)))
    .orderBy(desc(i.createdAt));
}

export type OpenLink = { id: string; name: string; email: string; role: Role; expiresAt: Date };

/**
 * What an invite or reset page shows for its token: only a link that is well-formed, of the
 * right kind, unused, not revoked and not expired. The token is the only guard of these pages.
 */
export async function findOpenLink(kind: "invite" | "password_reset", token: string, now = new Date()): Promise<OpenLink | null> {
  if (!isWellFormedLinkToken(token)) return null;
  const db = await getDb();
  const i = tables.invites;
  const [row] = await db
    .select({ id: i.id, name: i.name, email: i.email, role: i.role, expiresAt: i.expiresAt })
    .from(i)
    .where(and(eq(i.tokenHash, hashLinkToken(token)), eq(i.kind, kind), isNull(i.usedAt), isNull(i.revokedAt), gt(i.expiresAt, now)));
  return row ?? null;
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
