/**
 * The storage a configuration names. Apart from storage.ts (server-only) so the backup and restore
 * commands, which run outside Next, can open the same storage the server uses.
 */
import type { MediaStorageConfig } from "@/lib/env";
import { createFileSystemStorage } from "./file-storage";
import { createS3Storage } from "./s3-storage";
import type { MediaStorage } from "./storage";

export function createMediaStorage(config: MediaStorageConfig): MediaStorage {
  return config.kind === "s3" ? createS3Storage(config) : createFileSystemStorage(config.root);
}
