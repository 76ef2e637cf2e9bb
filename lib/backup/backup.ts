/**
 * Backups of a whole newsroom: the database (a PGlite data-directory dump, or pg_dump's custom
 * format for PostgreSQL) plus every stored image rendition, read through the media storage (the
 * uploads folder or the S3 bucket alike), in one tar archive with a manifest. Renditions sit in
 * the archive as `uploads/<first two characters>/<key>`, the uploads folder's own layout, so a
 * backup taken from a folder restores into a bucket and the other way round.
 * Used by `npm run db:backup` / `npm run db:restore` and by the restore test.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/open";
import { contentTypeForKey, isVariantKey } from "@/lib/media/keys";
import type { MediaStorage } from "@/lib/media/storage";

export type BackupTarget = ({ engine: "pglite"; dataDir: string } | { engine: "postgres"; url: string }) & { media: MediaStorage };

type Manifest = { format: "dateline-backup"; version: 1; engine: "pglite" | "postgres"; createdAt: string; uploads: number };

/** Copies every stored rendition into `dir` (sharded like the uploads folder); returns how many. */
async function exportMedia(media: MediaStorage, dir: string): Promise<number> {
  let n = 0;
  for await (const key of media.list()) {
    const object = await media.get(key);
    if (!object) continue; // deleted while we listed
    fs.mkdirSync(path.join(dir, key.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dir, key.slice(0, 2), key), object.body);
    n++;
  }
  return n;
}

/** Puts every rendition found under `dir` into the storage; anything that is not a key is skipped. */
async function importMedia(dir: string, media: MediaStorage): Promise<number> {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = entry.isFile() && isVariantKey(entry.name) ? contentTypeForKey(entry.name) : null;
    if (!type) continue;
    await media.put(entry.name, fs.readFileSync(path.join(entry.parentPath, entry.name)), type);
    n++;
  }
  return n;
}

/** Writes one .tar with manifest.json, the database dump and uploads/; returns its path. */
export async function createBackup(target: BackupTarget, outFile: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-backup-"));
  try {
    if (target.engine === "pglite") {
      // Opening takes the data directory's lock: a running server makes this fail with its PID.
      const handle = await openDatabase({ engine: "pglite", dataDir: target.dataDir });
      try {
        const client = (handle.db as unknown as { $client: { dumpDataDir: (c: "gzip") => Promise<Blob> } }).$client;
        const dump = await client.dumpDataDir("gzip");
        fs.writeFileSync(path.join(work, "database.pglite.tgz"), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await handle.close();
      }
    } else {
      execFileSync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${path.join(work, "database.pgdump")}`, target.url], { stdio: ["ignore", "ignore", "pipe"] });
    }
    fs.mkdirSync(path.join(work, "uploads"));
    const uploads = await exportMedia(target.media, path.join(work, "uploads"));
    const manifest: Manifest = { format: "dateline-backup", version: 1, engine: target.engine, createdAt: new Date().toISOString(), uploads };
    fs.writeFileSync(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    execFileSync("tar", ["-cf", path.resolve(outFile), "-C", work, "."]);
    return path.resolve(outFile);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreError extends Error {}

/**
 * Restores a backup into an EMPTY target: a new data directory, or a PostgreSQL database with no
 * Dateline tables. It refuses to overwrite a newsroom that already has data.
 */
export async function restoreBackup(file: string, target: BackupTarget): Promise<Manifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-restore-"));
  try {
    try {
      execFileSync("tar", ["-xf", path.resolve(file), "-C", work], { stdio: ["ignore", "ignore", "pipe"] });
    } catch {
      throw new RestoreError(`${file} is not a readable Dateline backup archive.`);
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(work, "manifest.json"), "utf8"));
    } catch {
      throw new RestoreError(`${file} has no manifest: it is not a Dateline backup.`);
    }
    if (manifest.format !== "dateline-backup") throw new RestoreError(`${file} is not a Dateline backup.`);
    if (manifest.engine !== target.engine) {
      throw new RestoreError(`This backup was taken from ${manifest.engine === "pglite" ? "the embedded database" : "PostgreSQL"}; restore it into the same kind of database.`);
    }
    if (target.engine === "pglite") {
      const pgliteDir = path.join(target.dataDir, "pglite");
      if (fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0) {
        throw new RestoreError(`${target.dataDir} already holds a newsroom. Restore into an empty DATELINE_DATA_DIR.`);
      }
      fs.mkdirSync(target.dataDir, { recursive: true });
      const { PGlite } = await import("@electric-sql/pglite");
      const dump = new Blob([fs.readFileSync(path.join(work, "database.pglite.tgz"))]);
      const client = new PGlite(pgliteDir, { loadDataDir: dump });
      await client.waitReady;
      await client.close();
    } else {
      const probe = await openDatabase({ engine: "postgres", url: target.url, poolSize: 1, migrate: false });
      const existing = await probe.db.execute("select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'stories'" as never);
      await probe.close();
      if ((existing as unknown as { rows: Array<{ n: number }> }).rows[0]!.n > 0) {
        throw new RestoreError("The target PostgreSQL database already holds a newsroom. Restore into an empty database.");
      }
      try {
        execFileSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${target.url}`, path.join(work, "database.pgdump")], { stdio: ["ignore", "ignore", "pipe"] });
      } catch (error) {
        const stderr = String((error as { stderr?: Buffer }).stderr ?? "").split("\n").find((l) => l.includes("error")) ?? "pg_restore failed";
        throw new RestoreError(`Restoring into PostgreSQL failed: ${stderr.trim()}`);
      }
    }
    const uploadsDir = path.join(work, "uploads");
    if (fs.existsSync(uploadsDir)) await importMedia(uploadsDir, target.media);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
