// `npm run db:backup [FILE]`: one archive with the database and every uploaded image.
// Embedded database: stop the server first (the data directory can have only one owner).
import path from "node:path";
import { getEnv } from "@/lib/env";
import { createMediaStorage } from "@/lib/media/create-storage";
import { describeStartupError } from "@/lib/db/open";
import { createBackup } from "@/lib/backup/backup";

async function main() {
  const env = getEnv();
  // The uploads folder, or the S3 bucket when DATELINE_S3_BUCKET is set.
  const media = createMediaStorage(env.mediaStorage);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const out = process.argv[2] ?? path.join("backups", `dateline-${stamp}.tar`);
  const file = env.databaseUrl
    ? await createBackup({ engine: "postgres", url: env.databaseUrl, media }, out)
    : await createBackup({ engine: "pglite", dataDir: env.dataDir, media }, out);
  console.log(`Backup written to ${file}`);
}

main().catch((error) => {
  console.error(`✖ Backup failed: ${describeStartupError(error)}`);
  process.exit(1);
});
