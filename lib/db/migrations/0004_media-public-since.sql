ALTER TABLE "media_assets" ADD COLUMN "public_since" timestamp with time zone;--> statement-breakpoint
-- Images already shown by a revision that went live stay public; the rest (drafts' images) become staff-only.
UPDATE "media_assets" SET "public_since" = now() WHERE "id" IN (SELECT "featured_media_id" FROM "story_revisions" WHERE "html" IS NOT NULL AND "featured_media_id" IS NOT NULL) OR "storage_key" IN (SELECT m[1] FROM "story_revisions" r, regexp_matches(r."html", '/media/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})-w', 'g') AS m WHERE r."html" IS NOT NULL);
