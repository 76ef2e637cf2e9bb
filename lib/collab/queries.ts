import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

const { storyDocuments, storyDocumentUpdates } = tables;

export type StoredDocument = {
  /** The compacted state, or null when the story has no shared document yet. */
  state: Uint8Array | null;
  derivedVersion: number | null;
  /** Updates appended since the last compaction, oldest first. */
  updates: Uint8Array[];
};

/** Everything stored for one story's shared document. Callers have applied the policy. */
export async function loadStoredDocument(storyId: string): Promise<StoredDocument> {
  const db = await getDb();
  const [row] = await db
    .select({ state: storyDocuments.state, derivedVersion: storyDocuments.derivedVersion })
    .from(storyDocuments)
    .where(eq(storyDocuments.storyId, storyId));
  const updates = await db
    .select({ update: storyDocumentUpdates.update })
    .from(storyDocumentUpdates)
    .where(eq(storyDocumentUpdates.storyId, storyId))
    .orderBy(asc(storyDocumentUpdates.id));
  return { state: row ? toBytes(row.state) : null, derivedVersion: row?.derivedVersion ?? null, updates: updates.map((u) => toBytes(u.update)) };
}

/** Bytes stored for one story (state plus pending log), for the benchmark's stored-bytes figures. */
export async function measureStoredBytes(storyId: string): Promise<{ stateBytes: number; logBytes: number; logRows: number }> {
  const stored = await loadStoredDocument(storyId);
  return {
    stateBytes: stored.state?.byteLength ?? 0,
    logBytes: stored.updates.reduce((sum, u) => sum + u.byteLength, 0),
    logRows: stored.updates.length,
  };
}

/** PGlite returns Uint8Array, pg a Buffer; Yjs wants a plain Uint8Array view either way. */
export function toBytes(value: Uint8Array): Uint8Array {
  return value instanceof Uint8Array && value.constructor === Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
