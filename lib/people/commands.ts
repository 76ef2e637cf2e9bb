import "server-only";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export async function touchLastSignIn(userId: string): Promise<void> {
  const db = await getDb();
  await db.update(tables.users).set({ lastSignInAt: new Date() }).where(eq(tables.users.id, userId));
}
