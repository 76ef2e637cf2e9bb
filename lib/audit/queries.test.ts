import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { changeRole, createInvite } from "@/lib/people/commands";
import { insertUser, TEST_PASSWORD, withTestDatabase } from "@/lib/testing/accounts";
import { listAuditActions, listAuditEvents } from "./queries";

const db = withTestDatabase();

describe("the audit log", () => {
  it("records who did what to whom, from where, and filters by action, person, IP and time", async () => {
    const admin = await insertUser(db.handle(), { role: "admin", name: "Ada Admin", email: "ada@example.test" });
    const editor = await insertUser(db.handle(), { role: "editor", name: "Eddie Editor", email: "eddie@example.test" });
    const viewer = { id: admin.id, role: "admin" as const };
    await signInWithPassword({ email: "ada@example.test", password: TEST_PASSWORD }, "192.0.2.10");
    await signInWithPassword({ email: "eddie@example.test", password: "wrong wrong wrong" }, "192.0.2.11");
    await createInvite(admin, { name: "Rita Reporter", email: "rita@example.test", role: "reporter" }, "192.0.2.10");
    await changeRole(admin, editor.id, "reporter", "192.0.2.10");

    const all = await listAuditEvents(viewer, {});
    expect(all.rows.map((r) => r.action)).toEqual(["people.role_change", "people.invite", "auth.sign_in_failed", "auth.sign_in"]);
    expect(all.rows[0]).toMatchObject({ actorName: "Ada Admin", targetName: "Eddie Editor", ip: "192.0.2.10", details: { from: "editor", to: "reporter" } });

    expect((await listAuditEvents(viewer, { action: "auth.sign_in_failed" })).rows).toEqual([
      expect.objectContaining({ actorName: null, ip: "192.0.2.11", details: { email: "eddie@example.test" } }),
    ]);
    // "Person" finds the actor, the target person, or an email the event names.
    expect((await listAuditEvents(viewer, { person: "eddie" })).rows.map((r) => r.action)).toEqual(["people.role_change", "auth.sign_in_failed"]);
    expect((await listAuditEvents(viewer, { person: "rita@" })).rows.map((r) => r.action)).toEqual(["people.invite"]);
    expect((await listAuditEvents(viewer, { person: "%" })).rows).toEqual([]);
    expect((await listAuditEvents(viewer, { ip: "192.0.2.11" })).rows).toHaveLength(1);
    expect((await listAuditEvents(viewer, { from: new Date(Date.now() + 60_000) })).rows).toEqual([]);
    expect((await listAuditEvents(viewer, { to: new Date(Date.now() - 60 * 60_000) })).rows).toEqual([]);

    const page = await listAuditEvents(viewer, {}, 2);
    expect(page.hasMore).toBe(true);
    const next = await listAuditEvents(viewer, { before: page.rows[1]!.id }, 2);
    expect(next.rows.map((r) => r.action)).toEqual(["auth.sign_in_failed", "auth.sign_in"]);

    expect(await listAuditActions(viewer)).toEqual(["auth.sign_in", "auth.sign_in_failed", "people.invite", "people.role_change"]);
  });

  it("is for admins only", async () => {
    const editor = await insertUser(db.handle(), { role: "editor" });
    await expect(listAuditEvents({ id: editor.id, role: "editor" }, {})).rejects.toThrow();
    await expect(listAuditActions({ id: editor.id, role: "reporter" })).rejects.toThrow();
  });
});
