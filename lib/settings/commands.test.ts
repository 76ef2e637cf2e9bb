import { describe, expect, it } from "vitest";
import { tables } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { countRows, withTestDatabase } from "@/lib/testing/accounts";
import { ALREADY_SET_UP, setNewsroomLanguage, setUpNewsroom, type NewsroomSetup } from "./commands";
import { getNewsroomSettings } from "./queries";

const db = withTestDatabase();

const setup = (name: string, email: string): NewsroomSetup => ({
  newsroomName: name,
  timeZone: "Europe/Amsterdam",
  defaultLanguage: "en",
  name: `${name} Admin`,
  email,
  password: "the first admin's password",
});

describe("first-run setup", () => {
  it("two setups at the same moment create exactly one newsroom and one admin", async () => {
    const results = await Promise.all([
      setUpNewsroom(setup("Morning Post", "first@example.test"), "192.0.2.1"),
      setUpNewsroom(setup("Evening Star", "second@example.test"), "192.0.2.2"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, message: ALREADY_SET_UP });
    expect(await countRows(db.handle(), tables.users)).toBe(1);
    expect(await countRows(db.handle(), tables.newsroomSettings)).toBe(1);

    const winner = results.find((r) => r.ok)!;
    if (!winner.ok) return;
    const [admin] = await db.handle().db.select().from(tables.users);
    expect(admin).toMatchObject({ id: winner.admin.id, role: "admin", active: true });
    const settings = await getNewsroomSettings();
    expect(settings).toMatchObject({ timeZone: "Europe/Amsterdam", defaultLanguage: "en" });
    expect(settings!.name).toBe(winner.admin.email === "first@example.test" ? "Morning Post" : "Evening Star");
    expect((await signInWithPassword({ email: winner.admin.email, password: "the first admin's password" }, null)).ok).toBe(true);
  });

  it("cannot be replayed once the newsroom exists", async () => {
    const before = { users: await countRows(db.handle(), tables.users), audit: await countRows(db.handle(), tables.auditEvents) };
    expect(await setUpNewsroom(setup("Hijack Herald", "attacker@example.test"), "203.0.113.66")).toEqual({ ok: false, message: ALREADY_SET_UP });
    expect(await countRows(db.handle(), tables.users)).toBe(before.users);
    expect(await countRows(db.handle(), tables.auditEvents)).toBe(before.audit);
    expect((await signInWithPassword({ email: "attacker@example.test", password: "the first admin's password" }, null)).ok).toBe(false);
  });
});

describe("the newsroom's language", () => {
  it("an admin sets it; an editor, or a language not on the list, changes nothing", async () => {
    const [admin] = await db.handle().db.select().from(tables.users);
    const audit = await countRows(db.handle(), tables.auditEvents);
    expect(await setNewsroomLanguage({ id: admin!.id, role: "editor" }, "ar")).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await setNewsroomLanguage({ id: admin!.id, role: "admin" }, "xx")).toMatchObject({ ok: false, kind: "invalid" });
    expect(await getNewsroomSettings()).toMatchObject({ defaultLanguage: "en" });
    expect(await countRows(db.handle(), tables.auditEvents)).toBe(audit);

    expect(await setNewsroomLanguage({ id: admin!.id, role: "admin" }, "ar")).toEqual({ ok: true });
    expect(await getNewsroomSettings()).toMatchObject({ defaultLanguage: "ar" });
    expect(await countRows(db.handle(), tables.auditEvents)).toBe(audit + 1);
  });
});
