import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { tables } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { countRows, insertUser, TEST_PASSWORD, withTestDatabase } from "@/lib/testing/accounts";
import {
  acceptInvite,
  changeRole,
  completePasswordReset,
  createInvite,
  deactivateUser,
  endAllSessions,
  INVALID_LINK,
  issuePasswordReset,
  LAST_ADMIN,
  NOT_ALLOWED,
  reactivateUser,
  revokeInvite,
} from "./commands";
import { findOpenLink, findUserById, listPendingInvites } from "./queries";

const db = withTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

let emailSerial = 0;
const freshEmail = (label: string) => `${label}-${++emailSerial}@example.test`;

async function invite(actor: { id: string }, role: "reporter" | "editor" | "admin" = "reporter", now?: Date) {
  const result = await createInvite(actor, { name: "Invited Person", email: freshEmail(role), role }, "192.0.2.1", now);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Rows that any people command could write; a refused command must leave all of them alone. */
async function snapshot() {
  const h = db.handle();
  const users = await h.db.select({ id: tables.users.id, role: tables.users.role, active: tables.users.active, epoch: tables.users.sessionEpoch, hash: tables.users.passwordHash }).from(tables.users);
  return {
    invites: await countRows(h, tables.invites),
    audit: await countRows(h, tables.auditEvents),
    users: users.sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe("invites", () => {
  it("an admin invites, the invitee joins once with the link, and can sign in", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const created = await invite(admin, "editor");
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect(await findOpenLink("invite", created.token)).toMatchObject({ role: "editor" });

    const joined = await acceptInvite(created.token, { name: "Edna Editor", password: "edna's long password" }, "192.0.2.2");
    expect(joined).toMatchObject({ ok: true, user: { name: "Edna Editor", role: "editor" } });
    if (!joined.ok) return;
    expect(await signInWithPassword({ email: joined.user.email, password: "edna's long password" }, null)).toMatchObject({ ok: true });

    const audit = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.action, "people.join"));
    expect(audit.find((e) => e.targetId === joined.user.id)).toMatchObject({ actorId: joined.user.id, ip: "192.0.2.2" });
  });

  it("refuses to reuse an invite link, and writes nothing the second time", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const created = await invite(admin);
    expect((await acceptInvite(created.token, { name: "First", password: "first long password" }, null)).ok).toBe(true);
    const before = await snapshot();
    expect(await acceptInvite(created.token, { name: "Second", password: "second long password" }, null)).toEqual({ ok: false, message: INVALID_LINK });
    expect(await snapshot()).toEqual(before);
    expect(await findOpenLink("invite", created.token)).toBeNull();
  });

  it("lets exactly one of two simultaneous joins with the same link through", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const created = await invite(admin);
    const usersBefore = await countRows(db.handle(), tables.users);
    const results = await Promise.all([
      acceptInvite(created.token, { name: "Tab One", password: "tab one password" }, null),
      acceptInvite(created.token, { name: "Tab Two", password: "tab two password" }, null),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await countRows(db.handle(), tables.users)).toBe(usersBefore + 1);
  });

  it("refuses an expired invite", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const eightDaysAgo = new Date(Date.now() - 8 * DAY);
    const created = await invite(admin, "reporter", eightDaysAgo);
    expect(await findOpenLink("invite", created.token)).toBeNull();
    const before = await snapshot();
    expect(await acceptInvite(created.token, { name: "Late", password: "a late password" }, null)).toEqual({ ok: false, message: INVALID_LINK });
    expect(await snapshot()).toEqual(before);
    // Still fine just inside the seven days.
    const sixDaysAgo = await invite(admin, "reporter", new Date(Date.now() - 6 * DAY));
    expect((await acceptInvite(sixDaysAgo.token, { name: "On time", password: "an on-time password" }, null)).ok).toBe(true);
  });

  it("refuses revoked, replaced, malformed and made-up links", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const revoked = await invite(admin);
    expect(await revokeInvite(admin, revoked.inviteId, null)).toEqual({ ok: true });
    expect((await acceptInvite(revoked.token, { name: "X", password: "long enough password" }, null)).ok).toBe(false);

    const email = freshEmail("twice");
    const first = await createInvite(admin, { name: "Twice", email, role: "reporter" }, null);
    const second = await createInvite(admin, { name: "Twice", email, role: "editor" }, null);
    if (!first.ok || !second.ok) throw new Error("invites failed");
    expect((await acceptInvite(first.token, { name: "Twice", password: "long enough password" }, null)).ok).toBe(false);
    expect(await acceptInvite(second.token, { name: "Twice", password: "long enough password" }, null)).toMatchObject({ ok: true, user: { role: "editor" } });

    for (const token of ["", "short", "x".repeat(43), "../../etc/passwd", "A".repeat(43)]) {
      expect(await acceptInvite(token, { name: "Guess", password: "long enough password" }, null)).toEqual({ ok: false, message: INVALID_LINK });
    }
  });

  it("does not invite someone who is already in the newsroom (any case of their email)", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const existing = await insertUser(db.handle(), { role: "reporter" });
    const result = await createInvite(admin, { name: "Again", email: existing.email.toUpperCase(), role: "editor" }, null);
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining("already")] } });
  });

  it("gives people with the same name different byline slugs", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const a = await acceptInvite((await invite(admin)).token, { name: "Sam Same", password: "sam's password 1" }, null);
    const b = await acceptInvite((await invite(admin)).token, { name: "Sam Same", password: "sam's password 2" }, null);
    if (!a.ok || !b.ok) throw new Error("joins failed");
    const slugs = await db.handle().db.select({ slug: tables.users.slug }).from(tables.users).where(eq(tables.users.name, "Sam Same"));
    expect(new Set(slugs.map((s) => s.slug))).toEqual(new Set(["sam-same", "sam-same-2"]));
  });

  it("lists pending invites for admins only", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const created = await invite(admin);
    expect((await listPendingInvites({ id: admin.id, role: "admin" })).some((i) => i.id === created.inviteId)).toBe(true);
    await expect(listPendingInvites({ id: admin.id, role: "editor" })).rejects.toThrow();
  });
});

describe("only admins manage people, and a refused command writes nothing", () => {
  it.each(["reporter", "editor"] as const)("a %s cannot invite, change roles, deactivate, reactivate, reset or revoke", async (role) => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const actor = await insertUser(db.handle(), { role });
    const victim = await insertUser(db.handle(), { role: "reporter" });
    const inactive = await insertUser(db.handle(), { role: "reporter", active: false });
    const pending = await invite(admin);
    const before = await snapshot();

    expect(await createInvite(actor, { name: "Mallory", email: freshEmail("mallory"), role: "admin" }, null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await changeRole(actor, actor.id, "admin", null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await changeRole(actor, victim.id, "editor", null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await deactivateUser(actor, admin.id, null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await reactivateUser(actor, inactive.id, null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await issuePasswordReset(actor, admin.id, null)).toEqual({ ok: false, message: NOT_ALLOWED });
    expect(await revokeInvite(actor, pending.inviteId, null)).toEqual({ ok: false, message: NOT_ALLOWED });

    expect(await snapshot()).toEqual(before);
  });

  it("re-reads the actor's role: an admin demoted a moment ago can no longer act as one", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const formerAdmin = await insertUser(db.handle(), { role: "admin" });
    expect((await changeRole(admin, formerAdmin.id, "reporter", null)).ok).toBe(true);
    // Whatever the caller thinks its role is, the command goes by the row.
    const staleViewer = { id: formerAdmin.id, role: "admin" as const };
    expect(await createInvite(staleViewer, { name: "Sneaky", email: freshEmail("sneaky"), role: "admin" }, null)).toEqual({ ok: false, message: NOT_ALLOWED });
  });

  it("a deactivated admin cannot act", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const other = await insertUser(db.handle(), { role: "admin" });
    expect((await deactivateUser(admin, other.id, null)).ok).toBe(true);
    expect(await createInvite(other, { name: "Ghost", email: freshEmail("ghost"), role: "reporter" }, null)).toEqual({ ok: false, message: NOT_ALLOWED });
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated; with a second admin they can", async () => {
    const h = db.handle();
    // Start from a newsroom where these two are the only active admins.
    await h.db.update(tables.users).set({ active: false }).where(eq(tables.users.role, "admin"));
    const only = await insertUser(h, { role: "admin" });
    const before = await snapshot();
    expect(await changeRole(only, only.id, "editor", null)).toEqual({ ok: false, message: LAST_ADMIN });
    expect(await deactivateUser(only, only.id, null)).toEqual({ ok: false, message: LAST_ADMIN });
    expect(await snapshot()).toEqual(before);

    const second = await insertUser(h, { role: "admin" });
    expect(await changeRole(only, second.id, "editor", null)).toMatchObject({ ok: true, changed: true });
    expect(await changeRole(only, only.id, "reporter", null)).toEqual({ ok: false, message: LAST_ADMIN });
    expect(await changeRole(only, second.id, "admin", null)).toMatchObject({ ok: true });
    expect(await changeRole(only, only.id, "reporter", null)).toMatchObject({ ok: true, changed: true });
    expect((await findUserById(only.id))!.role).toBe("reporter");
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const h = db.handle();
    await h.db.update(tables.users).set({ active: false }).where(eq(tables.users.role, "admin"));
    const a = await insertUser(h, { role: "admin" });
    const b = await insertUser(h, { role: "admin" });
    const results = await Promise.all([changeRole(a, b.id, "editor", null), changeRole(b, a.id, "editor", null)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = await h.db.select().from(tables.users).where(and(eq(tables.users.role, "admin"), eq(tables.users.active, true)));
    expect(admins).toHaveLength(1);
  });

  it("survives two admins deactivating each other at the same moment", async () => {
    const h = db.handle();
    await h.db.update(tables.users).set({ active: false }).where(eq(tables.users.role, "admin"));
    const a = await insertUser(h, { role: "admin" });
    const b = await insertUser(h, { role: "admin" });
    const results = await Promise.all([deactivateUser(a, b.id, null), deactivateUser(b, a.id, null)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = await h.db.select().from(tables.users).where(and(eq(tables.users.role, "admin"), eq(tables.users.active, true)));
    expect(admins).toHaveLength(1);
  });
});

describe("deactivation and reactivation", () => {
  it("locks the person out of signing in, revokes their reset links, and is audited", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "editor" });
    const link = await issuePasswordReset(admin, user.id, null);
    if (!link.ok) throw new Error(link.message);
    expect(await deactivateUser(admin, user.id, "192.0.2.9")).toEqual({ ok: true, changed: true });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null)).ok).toBe(false);
    expect(await completePasswordReset(link.token, "a new password here", null)).toEqual({ ok: false, message: INVALID_LINK });
    expect(await reactivateUser(admin, user.id, null)).toEqual({ ok: true, changed: true });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null)).ok).toBe(true);
    const events = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.targetId, user.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["people.password_reset_issued", "people.deactivate", "people.reactivate"]));
    expect(events.find((e) => e.action === "people.deactivate")).toMatchObject({ actorId: admin.id, ip: "192.0.2.9" });
  });

  it("an admin cannot deactivate themselves while other admins exist", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    await insertUser(db.handle(), { role: "admin" });
    expect(await deactivateUser(admin, admin.id, null)).toMatchObject({ ok: false });
  });
});

describe("password reset links", () => {
  it("set a new password once; the old password stops working; only the newest link works", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "reporter" });
    const older = await issuePasswordReset(admin, user.id, null);
    const newer = await issuePasswordReset(admin, user.id, null);
    if (!older.ok || !newer.ok) throw new Error("reset failed");
    expect(await completePasswordReset(older.token, "from the old link", null)).toEqual({ ok: false, message: INVALID_LINK });
    // A reset link is not an invite, and an invite is not a reset link.
    expect(await acceptInvite(newer.token, { name: "Wrong door", password: "long enough password" }, null)).toEqual({ ok: false, message: INVALID_LINK });

    const done = await completePasswordReset(newer.token, "my shiny new password", null);
    expect(done).toMatchObject({ ok: true, user: { id: user.id } });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null)).ok).toBe(false);
    expect((await signInWithPassword({ email: user.email, password: "my shiny new password" }, null)).ok).toBe(true);
    expect(await completePasswordReset(newer.token, "and once more please", null)).toEqual({ ok: false, message: INVALID_LINK });
  });

  it("expire after 24 hours", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "reporter" });
    const link = await issuePasswordReset(admin, user.id, null, new Date(Date.now() - 25 * 60 * 60 * 1000));
    if (!link.ok) throw new Error(link.message);
    expect(await completePasswordReset(link.token, "too late for this", null)).toEqual({ ok: false, message: INVALID_LINK });
  });
});

describe("sign out everywhere", () => {
  it("bumps only the actor's own epoch and is audited", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const bystander = await insertUser(db.handle(), { role: "reporter" });
    expect(await endAllSessions(user, "192.0.2.44")).toEqual({ ok: true });
    expect((await findUserById(user.id))!.sessionEpoch).toBe(user.sessionEpoch + 1);
    expect((await findUserById(bystander.id))!.sessionEpoch).toBe(bystander.sessionEpoch);
    const [event] = await db.handle().db.select().from(tables.auditEvents).where(and(eq(tables.auditEvents.action, "auth.sign_out_everywhere"), eq(tables.auditEvents.actorId, user.id)));
    expect(event).toMatchObject({ ip: "192.0.2.44", targetId: user.id });
  });
});
