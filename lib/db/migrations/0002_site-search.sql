ALTER TABLE "stories" ADD COLUMN "live_section_id" uuid;--> statement-breakpoint
ALTER TABLE "story_revisions" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (case when html is not null then
        setweight(to_tsvector((case when language = 'en' then 'english'::regconfig else 'simple'::regconfig end), coalesce(headline, '')), 'A') ||
        setweight(to_tsvector((case when language = 'en' then 'english'::regconfig else 'simple'::regconfig end), coalesce(standfirst, '')), 'B') ||
        setweight(to_tsvector((case when language = 'en' then 'english'::regconfig else 'simple'::regconfig end), coalesce(body_text, '')), 'C')
      end) STORED;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_live_section_id_sections_id_fk" FOREIGN KEY ("live_section_id") REFERENCES "public"."sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_published_idx" ON "stories" USING btree ("first_published_at" DESC NULLS LAST) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_public_section_idx" ON "stories" USING btree ("live_section_id","first_published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_live_revision_idx" ON "stories" USING btree ("live_revision_id");--> statement-breakpoint
CREATE INDEX "stories_translation_group_idx" ON "stories" USING btree ("translation_group_id") WHERE "stories"."translation_group_id" is not null;--> statement-breakpoint
CREATE INDEX "story_revisions_search_idx" ON "story_revisions" USING gin ("search_vector") WHERE html is not null;--> statement-breakpoint
CREATE INDEX "story_revisions_public_slug_idx" ON "story_revisions" USING btree ("slug") WHERE html is not null;--> statement-breakpoint
CREATE INDEX "story_revisions_public_recent_idx" ON "story_revisions" USING btree ("created_at" DESC NULLS LAST) WHERE html is not null;--> statement-breakpoint
CREATE INDEX "story_revisions_public_bylines_idx" ON "story_revisions" USING gin ("bylines" jsonb_path_ops) WHERE html is not null;--> statement-breakpoint
CREATE INDEX "story_revisions_public_tags_idx" ON "story_revisions" USING gin ("tags" jsonb_path_ops) WHERE html is not null;--> statement-breakpoint
-- Hand-written: stories published before this migration get their live section from their live revision.
UPDATE "stories" SET "live_section_id" = r."section_id" FROM "story_revisions" r WHERE r."id" = "stories"."live_revision_id";
