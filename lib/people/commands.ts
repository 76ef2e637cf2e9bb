import "server-only";
import { and, eq, gt, isNull, like, or, sql } from "drizzle-orm";
import { getDb, tables, type Database } from "@/lib/db";
import { recordAudit } from "@/lib/audit/commands";
import { can, type Permission, type Role } from "@/lib/auth/policy";
import { hashPassword } from "@/lib/auth/password";
import { suggestSlug } from "@/lib/stories/slug";
import { normalizeEmail } from "./queries";
import { generateLinkToken, hashLinkToken, INVITE_VALID_DAYS, isWellFormedLinkToken, RESET_VALID_HOURS } from "./tokens";

export type PeopleFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]> };
export type PeopleResult<T extends object = object> = ({ ok: true } & T) | PeopleFailure;

/** Who is acting. Only the id is trusted: the role is re-read from the row inside the command. */
export type Actor = { id: string };

export const NOT_ALLOWED = "You do not have permission to manage people.";
export const INVALID_LINK = "This link is invalid, has expired or has already been used. Ask an admin for a new one.";
export const LAST_ADMIN = "The newsroom needs at least one active admin. Make someone else an admin first.";
export const NO_SUCH_PERSON = "That person does not exist.";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Thrown inside a transaction to roll it back and hand the reason to the caller. */
class Refusal extends Error {
  constructor(readonly result: PeopleFailure) {
    super(result.message);
  }
}

function refuse(message: string, fieldErrors?: Record<string, string[]>): never {
  throw new Refusal({ ok: false, message, ...(fieldErrors ? { fieldErrors } : {}) });
}

async function inTransaction<T extends object>(work: (tx: Tx) => Promise<PeopleResult<T>>): Promise<PeopleResult<T>> {
  const db = await getDb();
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, message: "Someone with this email address is already in the newsroom.", fieldErrors: { email: ["Someone with this email address is already in the newsroom."] } };
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" && (e.constraint === constraint || e.message?.includes(constraint))) return true;
  }
  return false;
}

/**
 * Loads the actor's own row and checks the permission against it, so a session whose role was
 * changed a moment ago (or a forged role anywhere upstream) cannot act on the old one.
 */
async function authorize(tx: Tx, actor: Actor, permission: Permission) {
  const [row] = await tx
    .select({ id: tables.users.id, role: tables.users.role, active: tables.users.active })
    .from(tables.users)
    .where(eq(tables.users.id, actor.id));
  if (!row || !row.active || !can(row.role, permission)) refuse(NOT_ALLOWED);
  return row;
}

/**
 * Locks every active admin's row. Two admins demoting or deactivating each other at the same
 * moment then take turns, and the second sees the first's change: the newsroom keeps an admin.
 */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(and(eq(tables.users.role, "admin"), eq(tables.users.active, true)))
    .for("update");
  return rows.map((r) => r.id);
}

async function loadTargetForUpdate(tx: Tx, userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) refuse(NO_SUCH_PERSON);
  const [row] = await tx
    .select({ id: tables.users.id, name: tables.users.name, email: tables.users.email, role: tables.users.role, active: tables.users.active })
    .from(tables.users)
    .where(eq(tables.users.id, userId))
    .for("update");
  if (!row) refuse(NO_SUCH_PERSON);
  return row;
}

function isLastActiveAdmin(target: { id: string; role: Role; active: boolean }, activeAdmins: string[]): boolean {
  return target.role === "admin" && target.active && activeAdmins.filter((id) => id !== target.id).length === 0;
}

/** A byline slug nobody has yet: "ada-lovelace", then "ada-lovelace-2", … */
async function uniqueUserSlug(tx: Tx, name: string): Promise<string> {
  const base = suggestSlug(name).slice(0, 70);
  const taken = new Set(
    (await tx.select({ slug: tables.users.slug }).from(tables.users).where(or(eq(tables.users.slug, base), like(tables.users.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// ---------------------------------------------------------------------------------------------
// Invites

export type InviteInput = { name: string; email: string; role: Role };

export async function createInvite(
  actor: Actor,
  input: InviteInput,
  ip: string | null,
  now = new Date(),
): Promise<PeopleResult<{ inviteId: string; token: string; expiresAt: Date }>> {
  const email = normalizeEmail(input.email);
  return inTransaction(async (tx) => {
    // Inviting decides who gets into the newsroom and with which role: admins only.
    await authorize(tx, actor, "people.manage");
    const [existing] = await tx.select({ active: tables.users.active }).from(tables.users).where(eq(tables.users.email, email));
    if (existing) {
      const message = existing.active
        ? "Someone with this email address is already in the newsroom."
        : "This person's account is deactivated. Reactivate it from their page instead.";
      refuse(message, { email: [message] });
    }
    // One live invite per address: a new one replaces any earlier link.
    await tx
      .update(tables.invites)
      .set({ revokedAt: now })
      .where(and(eq(tables.invites.kind, "invite"), eq(tables.invites.email, email), isNull(tables.invites.usedAt), isNull(tables.invites.revokedAt)));
    const { token, tokenHash } = generateLinkToken();
    const expiresAt = new Date(now.getTime() + INVITE_VALID_DAYS * 24 * 60 * 60 * 1000);
    const [invite] = await tx
      .insert(tables.invites)
      .values({ kind: "invite", tokenHash, email, name: input.name, role: input.role, createdBy: actor.id, expiresAt, createdAt: now })
      .returning({ id: tables.invites.id });
    await recordAudit(
      { actorId: actor.id, action: "people.invite", targetType: "invite", targetId: invite!.id, ip, details: { email, name: input.name, role: input.role } },
      tx,
    );
    return { ok: true, inviteId: invite!.id, token, expiresAt };
  });
}

export async function revokeInvite(actor: Actor, inviteId: string, ip: string | null, now = new Date()): Promise<PeopleResult> {
  return inTransaction(async (tx) => {
    // Revoking an invite is part of deciding who joins: admins only.
    await authorize(tx, actor, "people.manage");
    if (!/^[0-9a-f-]{36}$/i.test(inviteId)) refuse("That invite does not exist.");
    const [revoked] = await tx
      .update(tables.invites)
      .set({ revokedAt: now })
      .where(and(eq(tables.invites.id, inviteId), eq(tables.invites.kind, "invite"), isNull(tables.invites.usedAt), isNull(tables.invites.revokedAt)))
      .returning({ id: tables.invites.id, email: tables.invites.email });
    if (!revoked) refuse("That invite has already been used or revoked.");
    await recordAudit({ actorId: actor.id, action: "people.invite_revoked", targetType: "invite", targetId: revoked.id, ip, details: { email: revoked.email } }, tx);
    return { ok: true };
  });
}

export type JoinedUser = { id: string; name: string; email: string; role: Role; sessionEpoch: number };

/** The invitee picks their name and password; the link is the only credential, and works once. */
export async function acceptInvite(
  token: string,
  input: { name: string; password: string },
  ip: string | null,
  now = new Date(),
): Promise<PeopleResult<{ user: JoinedUser }>> {
  if (!isWellFormedLinkToken(token)) return { ok: false, message: INVALID_LINK };
  const tokenHash = hashLinkToken(token);
  // A dead link is refused before any password hashing, so junk links cost the server nothing.
  if (!(await isOpenLink(tokenHash, "invite", now))) return { ok: false, message: INVALID_LINK };
  const passwordHash = await hashPassword(input.password);
  return inTransaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(tables.invites)
      .where(and(eq(tables.invites.tokenHash, tokenHash), eq(tables.invites.kind, "invite")))
      .for("update");
    // Re-checked under the row lock: of two tabs joining with one link, only the first gets in.
    if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) refuse(INVALID_LINK);
    const [existing] = await tx.select({ id: tables.users.id }).from(tables.users).where(eq(tables.users.email, invite.email));
    if (existing) refuse("This email address already has an account. Sign in instead.");
    const [user] = await tx
      .insert(tables.users)
      .values({ email: invite.email, name: input.name, slug: await uniqueUserSlug(tx, input.name), role: invite.role, passwordHash, lastSignInAt: now })
      .returning({ id: tables.users.id, name: tables.users.name, email: tables.users.email, role: tables.users.role, sessionEpoch: tables.users.sessionEpoch });
    await tx.update(tables.invites).set({ usedAt: now, userId: user!.id }).where(eq(tables.invites.id, invite.id));
    await tx
      .update(tables.invites)
      .set({ revokedAt: now })
      .where(and(eq(tables.invites.kind, "invite"), eq(tables.invites.email, invite.email), isNull(tables.invites.usedAt), isNull(tables.invites.revokedAt)));
    await recordAudit(
      { actorId: user!.id, action: "people.join", targetType: "user", targetId: user!.id, ip, details: { email: invite.email, name: input.name, role: invite.role, inviteId: invite.id, invitedBy: invite.createdBy } },
      tx,
    );
    return { ok: true, user: user! };
  });
}

async function isOpenLink(tokenHash: string, kind: "invite" | "password_reset", now: Date): Promise<boolean> {
  const db = await getDb();
  const i = tables.invites;
  const [row] = await db
    .select({ id: i.id })
    .from(i)
    .where(and(eq(i.tokenHash, tokenHash), eq(i.kind, kind), isNull(i.usedAt), isNull(i.revokedAt), gt(i.expiresAt, now)));
  return !!row;
}

// ---------------------------------------------------------------------------------------------
// Roles and accounts

export async function changeRole(actor: Actor, userId: string, role: Role, ip: string | null): Promise<PeopleResult<{ changed: boolean }>> {
  return inTransaction<{ changed: boolean }>(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    // Roles decide what everyone may do: only admins change them.
    await authorize(tx, actor, "people.manage");
    const target = await loadTargetForUpdate(tx, userId);
    if (target.role === role) return { ok: true, changed: false };
    if (role !== "admin" && isLastActiveAdmin(target, admins)) refuse(LAST_ADMIN);
    // The epoch bump ends the person's sessions: they sign in again and meet their new role.
    await tx
      .update(tables.users)
      .set({ role, sessionEpoch: sql`${tables.users.sessionEpoch} + 1`, updatedAt: new Date() })
      .where(eq(tables.users.id, target.id));
    await recordAudit(
      { actorId: actor.id, action: "people.role_change", targetType: "user", targetId: target.id, ip, details: { email: target.email, name: target.name, from: target.role, to: role } },
      tx,
    );
    return { ok: true, changed: true };
  });
}

export async function deactivateUser(actor: Actor, userId: string, ip: string | null, now = new Date()): Promise<PeopleResult<{ changed: boolean }>> {
  return inTransaction<{ changed: boolean }>(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    // Deactivation locks someone out of the newsroom: only admins may.
    await authorize(tx, actor, "people.manage");
    const target = await loadTargetForUpdate(tx, userId);
    if (!target.active) return { ok: true, changed: false };
    if (isLastActiveAdmin(target, admins)) refuse(LAST_ADMIN);
    if (target.id === actor.id) refuse("You cannot deactivate your own account. Ask another admin.");
    await tx
      .update(tables.users)
      .set({ active: false, sessionEpoch: sql`${tables.users.sessionEpoch} + 1`, updatedAt: now })
      .where(eq(tables.users.id, target.id));
    // A reset link must not bring a deactivated account back in through the side door.
    await tx
      .update(tables.invites)
      .set({ revokedAt: now })
      .where(and(eq(tables.invites.userId, target.id), eq(tables.invites.kind, "password_reset"), isNull(tables.invites.usedAt), isNull(tables.invites.revokedAt)));
    await recordAudit({ actorId: actor.id, action: "people.deactivate", targetType: "user", targetId: target.id, ip, details: { email: target.email, name: target.name } }, tx);
    return { ok: true, changed: true };
  });
}

export async function reactivateUser(actor: Actor, userId: string, ip: string | null): Promise<PeopleResult<{ changed: boolean }>> {
  return inTransaction<{ changed: boolean }>(async (tx) => {
    // Letting someone back in is the mirror of deactivating them: admins only.
    await authorize(tx, actor, "people.manage");
    const target = await loadTargetForUpdate(tx, userId);
    if (target.active) return { ok: true, changed: false };
    // session_epoch stays bumped: cookies from before the deactivation remain dead.
    await tx.update(tables.users).set({ active: true, updatedAt: new Date() }).where(eq(tables.users.id, target.id));
    await recordAudit({ actorId: actor.id, action: "people.reactivate", targetType: "user", targetId: target.id, ip, details: { email: target.email, name: target.name } }, tx);
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Passwords and sessions

export async function issuePasswordReset(
  actor: Actor,
  userId: string,
  ip: string | null,
  now = new Date(),
): Promise<PeopleResult<{ token: string; expiresAt: Date }>> {
  return inTransaction(async (tx) => {
    // A reset link is a way into someone else's account: admins only.
    await authorize(tx, actor, "people.manage");
    const target = await loadTargetForUpdate(tx, userId);
    if (!target.active) refuse("This account is deactivated. Reactivate it before resetting the password.");
    // Only the newest link works.
    await tx
      .update(tables.invites)
      .set({ revokedAt: now })
      .where(and(eq(tables.invites.userId, target.id), eq(tables.invites.kind, "password_reset"), isNull(tables.invites.usedAt), isNull(tables.invites.revokedAt)));
    const { token, tokenHash } = generateLinkToken();
    const expiresAt = new Date(now.getTime() + RESET_VALID_HOURS * 60 * 60 * 1000);
    const [link] = await tx
      .insert(tables.invites)
      .values({ kind: "password_reset", tokenHash, email: target.email, name: target.name, role: target.role, userId: target.id, createdBy: actor.id, expiresAt, createdAt: now })
      .returning({ id: tables.invites.id });
    await recordAudit(
      { actorId: actor.id, action: "people.password_reset_issued", targetType: "user", targetId: target.id, ip, details: { email: target.email, name: target.name, linkId: link!.id } },
      tx,
    );
    return { ok: true, token, expiresAt };
  });
}

/** The person sets a new password through their reset link; every existing session of theirs ends. */
export async function completePasswordReset(
  token: string,
  password: string,
  ip: string | null,
  now = new Date(),
): Promise<PeopleResult<{ user: JoinedUser }>> {
  if (!isWellFormedLinkToken(token)) return { ok: false, message: INVALID_LINK };
  const tokenHash = hashLinkToken(token);
  if (!(await isOpenLink(tokenHash, "password_reset", now))) return { ok: false, message: INVALID_LINK };
  const passwordHash = await hashPassword(password);
  return inTransaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(tables.invites)
      .where(and(eq(tables.invites.tokenHash, tokenHash), eq(tables.invites.kind, "password_reset")))
      .for("update");
    if (!link || !link.userId || link.usedAt || link.revokedAt || link.expiresAt <= now) refuse(INVALID_LINK);
    const [user] = await tx
      .update(tables.users)
      .set({ passwordHash, sessionEpoch: sql`${tables.users.sessionEpoch} + 1`, updatedAt: now })
      .where(and(eq(tables.users.id, link.userId), eq(tables.users.active, true)))
      .returning({ id: tables.users.id, name: tables.users.name, email: tables.users.email, role: tables.users.role, sessionEpoch: tables.users.sessionEpoch });
    if (!user) refuse(INVALID_LINK);
    await tx.update(tables.invites).set({ usedAt: now }).where(eq(tables.invites.id, link.id));
    await recordAudit(
      { actorId: user.id, action: "people.password_reset_completed", targetType: "user", targetId: user.id, ip, details: { email: user.email, name: user.name, linkId: link.id } },
      tx,
    );
    return { ok: true, user };
  });
}

/** "Sign out everywhere": every session of the actor, in every browser, ends on its next request. */
export async function endAllSessions(actor: Actor, ip: string | null): Promise<PeopleResult> {
  return inTransaction(async (tx) => {
    // Anyone may end their own sessions, and only their own: the row touched is the actor's.
    const [user] = await tx
      .update(tables.users)
      .set({ sessionEpoch: sql`${tables.users.sessionEpoch} + 1`, updatedAt: new Date() })
      .where(and(eq(tables.users.id, actor.id), eq(tables.users.active, true)))
      .returning({ id: tables.users.id, email: tables.users.email });
    if (!user) refuse("Your session has already ended.");
    await recordAudit({ actorId: user.id, action: "auth.sign_out_everywhere", targetType: "user", targetId: user.id, ip, details: { email: user.email } }, tx);
    return { ok: true };
  });
}

export async function touchLastSignIn(userId: string): Promise<void> {
  const db = await getDb();
  await db.update(tables.users).set({ lastSignInAt: new Date() }).where(eq(tables.users.id, userId));
}
