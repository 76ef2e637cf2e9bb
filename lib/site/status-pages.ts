/**
 * The complete HTML of the 404 and 410 pages the proxy answers with (see public-router.ts for why
 * these are not React pages). Self-contained: inline styles, system fonts, no script. The newsroom
 * name is the only variable and is escaped. Pure.
 */
import { escapeHtml } from "@/lib/content/render";

function statusPage(newsroomName: string, title: string, body: string): string {
  const name = escapeHtml(newsroomName);
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${name}</title>
<style>
*{box-sizing:border-box}html{color:#16181d;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Arial,sans-serif;line-height:1.5}body{margin:0}
a{color:#9b1c1c}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-9999px;top:0;background:#16181d;color:#fff;padding:.5rem 1rem}.skip:focus{inset-inline-start:.5rem}
.c{max-width:72rem;margin:0 auto;padding:0 1rem}header{border-bottom:4px solid #9b1c1c;padding:1rem 0}
header a{font-family:Georgia,"Times New Roman",serif;font-size:1.8rem;font-weight:700;color:#16181d;text-decoration:none}
main{padding:2rem 1rem}h1{font-family:Georgia,"Times New Roman",serif;font-size:2.2rem;line-height:1.15;margin:0 0 1rem}
footer{border-top:1px solid #d9dde5;margin-top:3rem;padding:1.5rem 0;color:#4a5160;font-size:.9rem}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><div class="c"><a href="/">${name}</a></div></header>
<main id="main" class="c">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
<footer><div class="c">© ${name}. Published with Dateline.</div></footer>
</body>
</html>
`;
}

export function notFoundPageHtml(newsroomName: string): string {
  return statusPage(
    newsroomName,
    "Page not found",
    `<p>There is no page at this address. It may have been mistyped, or the story may have moved.</p>
<ul><li><a href="/">Go to the front page</a></li><li><a href="/search">Search the archive</a></li></ul>`,
  );
}

export function gonePageHtml(newsroomName: string): string {
  return statusPage(
    newsroomName,
    "This story has been withdrawn",
    `<p>The story that was published at this address is no longer available.</p>
<ul><li><a href="/">Go to the front page</a></li><li><a href="/search">Search the archive</a></li></ul>`,
  );
}
