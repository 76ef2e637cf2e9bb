import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, tables } from "@/lib/db";
import { recordAudit } from "@/lib/audit/commands";
import { hashPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/people/queries";
import { suggestSlug } from "@/lib/stories/slug";
import { can, type Viewer } from "@/lib/auth/policy";
import { isLanguageCode } from "@/lib/content/languages";

export type NewsroomSetup = {
  newsroomName: string;
  timeZone: string;
  defaultLanguage: string;
  name: string;
  email: string;
  password: string;
};

export type SetupResult =
  | { ok: true; admin: { id: string; name: string; email: string; sessionEpoch: number } }
  | { ok: false; message: string };

export const ALREADY_SET_UP = "This newsroom is already set up. Sign in instead.";

/**
 * First run: the newsroom and its first admin, in one transaction. The singleton settings row is
 * the mutex: of two concurrent setups exactly one inserts it, the other changes nothing.
 */
export async function setUpNewsroom(input: NewsroomSetup, ip: string | null): Promise<SetupResult> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(tables.newsroomSettings)
      .values({ id: 1, name: input.newsroomName, timeZone: input.timeZone, defaultLanguage: input.defaultLanguage })
      .onConflictDoNothing()
      .returning({ id: tables.newsroomSettings.id });
    if (inserted.length === 0) return { ok: false, message: ALREADY_SET_UP } as const;
    const [existing] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${tables.users}`);
    // Settings deleted by hand while people exist: never mint a second admin through setup.
    if ((existing?.n ?? 0) > 0) throw new SetupRefused();
    const [admin] = await tx
      .insert(tables.users)
      .values({
        email: normalizeEmail(input.email),
        name: input.name,
        slug: suggestSlug(input.name),
        role: "admin",
        passwordHash,
      })
      .returning({ id: tables.users.id, name: tables.users.name, email: tables.users.email, sessionEpoch: tables.users.sessionEpoch });
    await recordAudit({ actorId: admin!.id, action: "newsroom.setup", targetType: "user", targetId: admin!.id, ip, details: { newsroom: input.newsroomName } }, tx);
    return { ok: true, admin: admin! } as const;
    });
  } catch (error) {
    if (error instanceof SetupRefused) return { ok: false, message: ALREADY_SET_UP };
    throw error;
  }
}

class SetupRefused extends Error {}

export type SettingsResult = { ok: true } | { ok: false; kind: "forbidden" | "invalid"; message: string };

/**
 * The newsroom's language: the public site's own words, its home, section and listing pages, and
 * new stories default to it. Admins only (settings.manage).
 */
export async function setNewsroomLanguage(viewer: Viewer, language: string): Promise<SettingsResult> {
  if (!can(viewer.role, "settings.manage")) return { ok: false, kind: "forbidden", message: "Only admins can change the newsroom's settings." };
  if (!isLanguageCode(language)) return { ok: false, kind: "invalid", message: "Choose a language from the list." };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(tables.newsroomSettings).set({ defaultLanguage: language, updatedAt: new Date() }).where(sql`${tables.newsroomSettings.id} = 1`);
    await recordAudit({ actorId: viewer.id, action: "settings.language", targetType: "newsroom", targetId: null, details: { language } }, tx);
  });
  return { ok: true };
}
