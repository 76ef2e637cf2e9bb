import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { contentTypeForKey, isVariantKey } from "./keys";
import type { MediaStorage } from "./storage";
import { InvalidStorageKeyError, StorageUnavailableError } from "./storage-errors";

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
      // Written aside and renamed, so a reader never sees a half-written image under the real key.
      const temporary = `${file}.${randomUUID()}.partial`;
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(temporary, body, { flag: "wx" });
        await fs.rename(temporary, file);
      } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => {});
        // Disk full, read-only or a shared mount gone away: the same "try again later" as S3 down.
        throw new StorageUnavailableError(`Could not write ${key} to ${base}.`, { cause: error });
      }
    },
    async get(key, range) {
      if (!isVariantKey(key)) return null;
      let file: fs.FileHandle;
      try {
        file = await fs.open(fileFor(key), "r");
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const info = await file.stat();
        if (!info.isFile()) return null;
        const start = range ? range.start : 0;
        const length = range ? Math.max(0, Math.min(range.end, info.size - 1) - start + 1) : info.size;
        const body = new Uint8Array(new ArrayBuffer(length));
        const { bytesRead } = await file.read(body, 0, length, start);
        return { key, bytes: info.size, contentType: typeOf(key), etag: fileEtag(info), body: body.subarray(0, bytesRead) };
      } finally {
        await file.close();
      }
    },
    async stat(key) {
      if (!isVariantKey(key)) return null;
      try {
        const info = await fs.stat(fileFor(key));
        return info.isFile() ? { key, bytes: info.size, contentType: typeOf(key), etag: fileEtag(info) } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
    async *list() {
      let shards: string[];
      try {
        shards = await fs.readdir(base);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const shard of shards.sort()) {
        const names = await fs.readdir(path.join(base, shard)).catch(() => [] as string[]);
        // Leftover ".partial" files of an interrupted write are not objects.
        for (const name of names.sort()) if (isVariantKey(name) && name.startsWith(shard)) yield name;
      }
    },
  };
}

/** Size and modification time: a stored file never changes, so this only differs between copies. */
function fileEtag(info: { size: number; mtimeMs: number }): string {
  return `"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}
