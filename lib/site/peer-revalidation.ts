import "server-only";
import { z } from "@/lib/validation/zod";
import { getDbHandle } from "@/lib/db";
import { PUBLIC_CHANGE_CHANNEL } from "@/lib/publishing/commands";
import { purgeFrontCache } from "./front-cache-hook";
import { instanceId, publicChangesSchema, revalidatePublicChanges } from "./revalidate";

const messageSchema = z.object({ origin: z.string().max(100), purgeAll: z.boolean().optional() }).passthrough();

/**
 * Several instances behind one PostgreSQL: each keeps its own page caches, so a publish on one
 * must reach the others. Every instance LISTENs; revalidatePublicChanges NOTIFYs; each peer then
 * revalidates exactly the same tags and paths itself. On the embedded database there are no peers.
 */
export async function startPeerRevalidation(): Promise<(() => Promise<void>) | null> {
  const handle = await getDbHandle();
  if (!handle.listen) return null;
  const me = instanceId();
  return handle.listen(PUBLIC_CHANGE_CHANNEL, (payload) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success || parsed.data.origin === me) return;
    if (parsed.data.purgeAll) {
      // Too many changes for one notification: drop this instance's page cache; Next's own
      // cache catches up within its short revalidation window.
      void purgeFrontCache();
      return;
    }
    const changes = publicChangesSchema.shape.changes.safeParse((message as { changes?: unknown }).changes);
    if (!changes.success) return;
    void revalidatePublicChanges(changes.data, { fromPeer: true }).catch((error) => {
      console.error(`Dateline: a change from another instance could not be applied (${error instanceof Error ? error.message : "unknown error"}).`);
    });
  });
}
