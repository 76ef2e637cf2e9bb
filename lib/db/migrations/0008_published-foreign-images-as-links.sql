-- Story images may only come from the newsroom's own /media/ (or an admin's allow-list), and the
-- Content-Security-Policy's img-src no longer allows every https host. Published HTML rendered
-- before that still holds <img src="https://other-site/...">, which readers' browsers would fetch
-- from that site (or, under the new img-src, show broken). Rewrite each one the way
-- lib/content/render.ts now renders such an image: a link to it. Only our own renderer's output
-- is matched (its <img> always starts src, alt, and escapes both), so nothing else is touched.
-- Re-publishing a story renders it afresh, with the allow-list applied.
UPDATE "story_revisions"
SET "html" = regexp_replace(
  regexp_replace(
    "html",
    '<img src="(https?://([^/"?#:@]+)[^"]*)" alt="" [^>]*>',
    '<a class="external-image" href="\1" rel="noopener noreferrer">Image on \2</a>',
    'gi'
  ),
  '<img src="(https?://([^/"?#:@]+)[^"]*)" alt="([^"]+)" [^>]*>',
  '<a class="external-image" href="\1" rel="noopener noreferrer">Image on \2: \3</a>',
  'gi'
)
WHERE "html" ~* '<img src="https?://';
