// `npm run db:restore FILE`: restores a backup into an empty data directory or PostgreSQL database.
import { getEnv } from "@/lib/env";
import { createMediaStorage } from "@/lib/media/create-storage";
import { describeStartupError } from "@/lib/db/open";
import { restoreBackup, RestoreError } from "@/lib/backup/backup";

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npm run db:restore -- FILE.tar   (into an empty DATELINE_DATA_DIR, or the empty database at DATABASE_URL)");
    process.exit(2);
  }
  const env = getEnv();
  // The uploads folder, or the S3 bucket when DATELINE_S3_BUCKET is set.
  const media = createMediaStorage(env.mediaStorage);
  const manifest = env.databaseUrl
    ? await restoreBackup(file, { engine: "postgres", url: env.databaseUrl, media })
    : await restoreBackup(file, { engine: "pglite", dataDir: env.dataDir, media });
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.uploads} uploaded files). Start Dateline with npm start.`);
}

main().catch((error) => {
  console.error(`✖ Restore failed: ${error instanceof RestoreError ? error.message : describeStartupError(error)}`);
  process.exit(1);
});
