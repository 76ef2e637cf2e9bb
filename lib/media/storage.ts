import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { contentTypeForKey, isVariantKey } from "./keys";

export type StoredObjectInfo = { key: string; bytes: number; contentType: string };
export type StoredObject = StoredObjectInfo & { body: Uint8Array<ArrayBuffer> };

/**
 * Where image files live. Kept to what an S3-compatible bucket also offers (put, get, stat,
 * delete by key), so moving uploads off the local disk means writing one more implementation.
 */
export interface MediaStorage {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** Succeeds when the object is already gone, so cleanup can be retried blindly. */
  delete(key: string): Promise<void>;
}

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("Invalid media storage key.");
    this.name = "InvalidStorageKeyError";
  }
}

/**
 * Files under `root`, spread over 256 sub-folders by the key's first two characters so no single
 * folder grows to hundreds of thousands of entries.
 */
export function createFileSystemStorage(root: string): MediaStorage {
  const base = path.resolve(root);

  // Keys come from our own generator, but a path is built from them: refuse anything else rather
  // than trust every caller to have validated.
  function fileFor(key: string): string {
    if (!isVariantKey(key)) throw new InvalidStorageKeyError();
    const file = path.join(base, key.slice(0, 2), key);
    if (path.dirname(path.dirname(file)) !== base) throw new InvalidStorageKeyError();
    return file;
  }

  function typeOf(key: string): string {
    const type = contentTypeForKey(key);
    if (!type) throw new InvalidStorageKeyError();
    return type;
  }

  return {
    async put(key, body, contentType) {
      const file = fileFor(key);
      // A filesystem cannot store the type beside the bytes; the key's extension is the record of
      // it, so the two must agree or the GET route would serve the wrong type.
      if (typeOf(key) !== contentType) throw new Error(`Content type ${contentType} does not match the key's extension.`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees a half-written image under the real key.
      const temporary = `${file}.${randomUUID()}.partial`;
      try {
        await fs.writeFile(temporary, body, { flag: "wx" });
        await fs.rename(temporary, file);
      } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => {});
        throw error;
      }
    },
    async get(key) {
      if (!isVariantKey(key)) return null;
      try {
        const body = await fs.readFile(fileFor(key));
        return { key, bytes: body.byteLength, contentType: typeOf(key), body };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async stat(key) {
      if (!isVariantKey(key)) return null;
      try {
        const info = await fs.stat(fileFor(key));
        return info.isFile() ? { key, bytes: info.size, contentType: typeOf(key) } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

const globalForStorage = globalThis as typeof globalThis & { __datelineMediaStorage?: { root: string; storage: MediaStorage } };

/** The configured storage: the uploads folder from the environment (DATELINE_UPLOADS_DIR). */
export function getMediaStorage(): MediaStorage {
  const root = getEnv().uploadsDir;
  const current = globalForStorage.__datelineMediaStorage;
  if (current && current.root === root) return current.storage;
  const storage = createFileSystemStorage(root);
  globalForStorage.__datelineMediaStorage = { root, storage };
  return storage;
}
