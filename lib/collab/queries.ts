import "server-only";
import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { getDb, tables } from "@/lib/db";
import { isBlankDocument } from "./document-shape";

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

/**
 * Which of these stories' shared documents hold no text at all (no body text, no text in any
 * field), or do not exist yet. The empty-draft sweep deletes only those: a new story whose writer
 * typed a body but no headline has nothing in its row yet, and everything in its document.
 */
export async function findBlankDocuments(storyIds: string[]): Promise<Set<string>> {
  const blank = new Set<string>();
  for (const storyId of storyIds) {
    const stored = await loadStoredDocument(storyId);
    if (!stored.state && stored.updates.length === 0) {
      blank.add(storyId);
      continue;
    }
    const doc = new Y.Doc();
    try {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      if (isBlankDocument(doc)) blank.add(storyId);
    } catch {
      // Unreadable: not ours to judge blank; leave the story alone.
    } finally {
      doc.destroy();
    }
  }
  return blank;
}
