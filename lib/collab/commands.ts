import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import { getDb, tables } from "@/lib/db";
import { toBytes } from "./queries";

const { storyDocuments, storyDocumentUpdates } = tables;

/**
 * Stores the first state of a story's shared document, unless another opener stored one first:
 * the document's identity (its Yjs items) must be created exactly once, or clients that synced
 * two different first states would merge them and see the text twice. Returns true when this
 * state was stored.
 */
export async function storeInitialDocument(storyId: string, state: Uint8Array, derivedVersion: number): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .insert(storyDocuments)
    .values({ storyId, state, derivedVersion })
    .onConflictDoNothing()
    .returning({ storyId: storyDocuments.storyId });
  return rows.length === 1;
}

/** Appends one accepted update. Resolves only once it is committed: then it may be acknowledged. */
export async function appendDocumentUpdate(storyId: string, update: Uint8Array): Promise<void> {
  const db = await getDb();
  await db.insert(storyDocumentUpdates).values({ storyId, update });
}

/** Records the story version the working copy was last derived at (or rebuilt from). */
export async function recordDerivedVersion(storyId: string, version: number): Promise<void> {
  const db = await getDb();
  await db.update(storyDocuments).set({ derivedVersion: version }).where(eq(storyDocuments.storyId, storyId));
}

/**
 * Folds the update log into the stored state and deletes exactly the folded rows, in one
 * transaction. Rows committed while this runs are not among the ids read, so they stay for the
 * next compaction (on PostgreSQL a lower id may commit later than a higher one).
 */
export async function compactDocument(storyId: string): Promise<{ folded: number; stateBytes: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ state: storyDocuments.state }).from(storyDocuments).where(eq(storyDocuments.storyId, storyId)).for("update");
    if (!row) return { folded: 0, stateBytes: 0 };
    const log = await tx
      .select({ id: storyDocumentUpdates.id, update: storyDocumentUpdates.update })
      .from(storyDocumentUpdates)
      .where(eq(storyDocumentUpdates.storyId, storyId))
      .orderBy(asc(storyDocumentUpdates.id));
    if (log.length === 0) return { folded: 0, stateBytes: row.state.byteLength };
    // Through a Y.Doc (not Y.mergeUpdates) so deleted content is garbage-collected.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, toBytes(row.state));
    for (const entry of log) Y.applyUpdate(doc, toBytes(entry.update));
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await tx.update(storyDocuments).set({ state, compactedAt: new Date() }).where(eq(storyDocuments.storyId, storyId));
    const ids = log.map((entry) => entry.id);
    for (let i = 0; i < ids.length; i += 1000) {
      await tx.delete(storyDocumentUpdates).where(and(eq(storyDocumentUpdates.storyId, storyId), inArray(storyDocumentUpdates.id, ids.slice(i, i + 1000))));
    }
    return { folded: log.length, stateBytes: state.byteLength };
  });
}
