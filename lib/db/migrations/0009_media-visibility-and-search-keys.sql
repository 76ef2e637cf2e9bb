ALTER TABLE "media_assets" ADD COLUMN "public_since" timestamp with time zone;--> statement-breakpoint
-- Images already shown by a revision that went live stay public; the rest (drafts' images) become staff-only.
UPDATE "media_assets" SET "public_since" = now() WHERE "id" IN (SELECT "featured_media_id" FROM "story_revisions" WHERE "html" IS NOT NULL AND "featured_media_id" IS NOT NULL) OR "storage_key" IN (SELECT m[1] FROM "story_revisions" r, regexp_matches(r."html", '/media/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})-w', 'g') AS m WHERE r."html" IS NOT NULL);--> statement-breakpoint
-- Search keys (lib/site/search-keys.ts): every pair of lexemes 1 to 3 positions apart as
-- "a~d~b", and the UTC day and month of publication as "~dYYYYMMDD" and "~mYYYYMM". Positions
-- are those of the search_vector (same configurations, same concatenation order). Immutable:
-- it reads nothing but its arguments, and the date format has no locale-dependent parts.
CREATE FUNCTION dateline_search_keys(lang text, headline text, standfirst text, body text, published timestamptz) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH cfg AS (
    SELECT CASE WHEN lang = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END AS c
  ), doc AS (
    SELECT to_tsvector(c, coalesce(headline, '')) || to_tsvector(c, coalesce(standfirst, '')) || to_tsvector(c, coalesce(body, '')) AS v FROM cfg
  ), words AS (
    SELECT w.lexeme, p.pos FROM doc, unnest(doc.v) AS w, unnest(w.positions) AS p(pos)
  ), pairs AS (
    SELECT DISTINCT a.lexeme || '~' || d.n || '~' || b.lexeme AS k
    FROM words a CROSS JOIN (VALUES (1), (2), (3)) AS d(n) JOIN words b ON b.pos = a.pos + d.n
  )
  SELECT array_to_tsvector(array_cat(
    ARRAY(SELECT k FROM pairs),
    ARRAY['~d' || to_char(published AT TIME ZONE 'UTC', 'YYYYMMDD'), '~m' || to_char(published AT TIME ZONE 'UTC', 'YYYYMM')]
  ))
$$;--> statement-breakpoint
ALTER TABLE "story_revisions" ADD COLUMN "search_keys" "tsvector" GENERATED ALWAYS AS (case when html is not null then dateline_search_keys(language, headline, standfirst, body_text, created_at) end) STORED;--> statement-breakpoint
CREATE INDEX "story_revisions_search_keys_idx" ON "story_revisions" USING gin ("search_keys") WHERE html is not null;
