import "server-only";
import { getEnv } from "@/lib/env";
import { createMediaStorage } from "./create-storage";

export { InvalidStorageKeyError, StorageUnavailableError } from "./storage-errors";
export { createFileSystemStorage } from "./file-storage";

/** `bytes` is always the whole object's size; `etag` is quoted, ready for an ETag header. */
export type StoredObjectInfo = { key: string; bytes: number; contentType: string; etag: string };
/** `body` is the whole object, or exactly the requested range. */
export type StoredObject = StoredObjectInfo & { body: Uint8Array<ArrayBuffer> };
/** Inclusive byte offsets, already checked against the object's size by the caller. */
export type ByteRange = { start: number; end: number };

/**
 * Where image files live: a folder (one machine, or a shared mount) or an S3-compatible bucket
 * (`./s3-storage.ts`), chosen by the environment. Kept to what both offer (put, get with a range,
 * stat, delete and list by key).
 */
export interface MediaStorage {
  /** Whole or not at all: a reader never sees a half-written object under the real key. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** Succeeds when the object is already gone, so cleanup can be retried blindly. */
  delete(key: string): Promise<void>;
  /** Every stored key (for backups), in no particular order. */
  list(): AsyncIterable<string>;
}

const globalForStorage = globalThis as typeof globalThis & { __datelineMediaStorage?: { config: string; storage: MediaStorage } };

/**
 * The configured storage: an S3-compatible bucket when DATELINE_S3_BUCKET is set, else the uploads
 * folder (DATELINE_UPLOADS_DIR). One per configuration, so its connection pool is shared.
 */
export function getMediaStorage(): MediaStorage {
  const config = getEnv().mediaStorage;
  const fingerprint = JSON.stringify(config);
  const current = globalForStorage.__datelineMediaStorage;
  if (current && current.config === fingerprint) return current.storage;
  const storage = createMediaStorage(config);
  globalForStorage.__datelineMediaStorage = { config: fingerprint, storage };
  return storage;
}
