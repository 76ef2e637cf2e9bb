DROP INDEX "stories_slug_key";--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "trashed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "trashed_by" uuid;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_trashed_by_users_id_fk" FOREIGN KEY ("trashed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stories_live_slug_key" ON "stories" USING btree ("slug") WHERE "stories"."first_published_at" is not null;--> statement-breakpoint
CREATE INDEX "stories_slug_idx" ON "stories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "stories_trashed_idx" ON "stories" USING btree ("trashed_at") WHERE "stories"."trashed_at" is not null;