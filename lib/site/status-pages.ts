/**
 * The complete HTML of the 404 and 410 pages the proxy answers with (see public-router.ts for why
 * these are not React pages). Self-contained: inline styles, system fonts, no script. Like every
 * public page they carry the site's navigation (top-level sections and search) and speak the
 * newsroom's language (lib/i18n). Every variable is escaped. Pure.
 */
import { escapeHtml } from "@/lib/content/render";
import { messagesFor, type Messages } from "@/lib/i18n/messages";
import { languageDir } from "@/lib/content/languages";
import { sectionHref } from "./paths";

/** What the status pages show around their message: remembered by the route resolver. */
export type StatusFrame = { name: string; language: string; sections: readonly { name: string; path: string }[] };

export const DEFAULT_STATUS_FRAME: StatusFrame = { name: "Dateline", language: "en", sections: [] };

function statusPage(frame: StatusFrame, title: (m: Messages) => string, body: (m: Messages) => string): string {
  const { messages: m, lang } = messagesFor(frame.language);
  const name = escapeHtml(frame.name);
  const nav = [...frame.sections.map((s) => `<li><a href="${escapeHtml(sectionHref(s.path))}">${escapeHtml(s.name)}</a></li>`), `<li><a href="/search">${escapeHtml(m.search)}</a></li>`].join("");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}" dir="${languageDir(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title(m))} · ${name}</title>
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>
*{box-sizing:border-box}html{color:#16181d;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Arial,sans-serif;line-height:1.5}body{margin:0}
a{color:#9b1c1c}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.skip{position:absolute;top:0;inset-inline-start:.5rem;transform:translateY(-120%);background:#16181d;color:#fff;padding:.5rem 1rem}.skip:focus{transform:none}
.c{max-width:72rem;margin:0 auto;padding:0 1rem}header{border-bottom:4px solid #9b1c1c;padding:1rem 0}
.brand{font-family:Georgia,"Times New Roman",serif;font-size:1.8rem;font-weight:700;color:#16181d;text-decoration:none}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;padding:0}nav a{color:#16181d;font-weight:600;text-decoration:none}nav a:hover{text-decoration:underline}
main{padding:2rem 1rem}h1{font-family:Georgia,"Times New Roman",serif;font-size:2.2rem;line-height:1.15;margin:0 0 1rem}
footer{border-top:1px solid #d9dde5;margin-top:3rem;padding:1.5rem 0;color:#4a5160;font-size:.9rem}
</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(m.skipToContent)}</a>
<header><div class="c"><a class="brand" href="/">${name}</a>
<nav aria-label="${escapeHtml(m.sectionsNav)}"><ul>${nav}</ul></nav></div></header>
<main id="main" class="c">
<h1>${escapeHtml(title(m))}</h1>
${body(m)}
</main>
<footer><div class="c">${escapeHtml(m.footer(frame.name))}</div></footer>
</body>
</html>
`;
}

const WAYS_ON = (m: Messages) => `<ul><li><a href="/">${escapeHtml(m.goToFront)}</a></li><li><a href="/search">${escapeHtml(m.searchArchive)}</a></li></ul>`;

export function notFoundPageHtml(frame: StatusFrame): string {
  return statusPage(frame, (m) => m.notFoundTitle, (m) => `<p>${escapeHtml(m.notFoundBody)}</p>\n${WAYS_ON(m)}`);
}

export function gonePageHtml(frame: StatusFrame): string {
  return statusPage(frame, (m) => m.goneTitle, (m) => `<p>${escapeHtml(m.goneBody)}</p>\n${WAYS_ON(m)}`);
}
