// `npm run db:restore FILE`: restores a backup into an empty data directory or PostgreSQL database.
import { getEnv } from "@/lib/env";
import { describeStartupError } from "@/lib/db/open";
import { restoreBackup, RestoreError } from "@/lib/backup/backup";

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npm run db:restore -- FILE.tar   (into an empty DATELINE_DATA_DIR, or the empty database at DATABASE_URL)");
    process.exit(2);
  }
  const env = getEnv();
  const manifest = env.databaseUrl
    ? await restoreBackup(file, { engine: "postgres", url: env.databaseUrl, uploadsDir: env.uploadsDir })
    : await restoreBackup(file, { engine: "pglite", dataDir: env.dataDir, uploadsDir: env.uploadsDir });
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.uploads} uploaded files). Start Dateline with npm start.`);
}

main().catch((error) => {
  console.error(`✖ Restore failed: ${error instanceof RestoreError ? error.message : describeStartupError(error)}`);
  process.exit(1);
});
