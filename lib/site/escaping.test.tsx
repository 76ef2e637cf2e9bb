import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ArticleView } from "@/components/site/article-view";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { Marked } from "@/components/site/marked";
import { StoryList } from "@/components/site/story-list";
import { renderStoryHtml } from "@/lib/content/render";
import { plainTextToDoc } from "@/lib/content/text";
import { jsonForScript, escapeXml, stripInvalidXmlChars } from "./escape";
import { buildNewsSitemap, buildRobotsTxt, buildRssFeed, buildSitemapIndex, buildUrlSet } from "./feeds";
import { articleMetadata } from "./metadata";
import { gonePageHtml, notFoundPageHtml } from "./status-pages";
import { describeArticle, newsArticleJsonLd } from "./structured-data";
import { SEARCH_MARK_END, SEARCH_MARK_START, type FeedItem, type SiteArticle, type StoryCard } from "./types";

/**
 * The escaping corpus, over every output the public site assembles: page HTML (React and our
 * own status pages), RSS, sitemaps, Google News, meta tags and JSON-LD. Every hostile string must
 * come out as the same text, never as markup, and every XML output must stay well-formed.
 */
const HOSTILE: readonly string[] = [
  `<script>alert(1)</script>`,
  `</script><script>alert(1)</script>`,
  `</title><img src=x onerror=alert(1)>`,
  `"><svg onload=alert(1)>`,
  `' onmouseover='alert(1)`,
  `<!-- comment --> <![CDATA[ x ]]> ]]>`,
  `&amp; &lt; & &#x3c; &nbsp`,
  `Line\u2028separator\u2029paragraph`,
  `Controls \u0000\u0001\u0008\u000b\u001f\u007f end`,
  `Lone \uD800 surrogate \uFFFE \uFFFF`,
  `RTL \u202Eevil\u202C override`,
  `Emoji 📰 and Arabic حلب`,
  `{{constructor.constructor('alert(1)')()}}`,
  `javascript:alert(1)`,
];

const XML_ENTITY = /&(amp|lt|gt|quot|apos);/g;

/**
 * A strict check for the XML we generate: every "<" starts a tag, text holds no raw "<", ">" or
 * bare "&", no character outside XML 1.0, and every tag is closed in order. Returns the text nodes.
 */
function checkXml(xml: string): string[] {
  expect(xml).toBe(stripInvalidXmlChars(xml));
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
  const stack: string[] = [];
  const texts: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<>]*")*)\s*(\/?)>/y;
  let i = 0;
  let text = "";
  while (i < body.length) {
    if (body[i] === "<") {
      tag.lastIndex = i;
      const m = tag.exec(body);
      expect(m, `malformed markup at ${JSON.stringify(body.slice(i, i + 40))}`).not.toBeNull();
      if (text.trim()) texts.push(text);
      text = "";
      const [all, closing, name, attrs, selfClosing] = m!;
      for (const [, value] of attrs.matchAll(/="([^"]*)"/g)) expect(value.replace(XML_ENTITY, "")).not.toMatch(/[&<>]/);
      if (closing) expect(stack.pop(), `</${name}>`).toBe(name);
      else if (!selfClosing) stack.push(name);
      i += all.length;
    } else {
      expect(body[i], `raw ">" in text near ${JSON.stringify(body.slice(i - 20, i + 20))}`).not.toBe(">");
      text += body[i];
      i++;
    }
  }
  expect(stack).toEqual([]);
  for (const t of texts) expect(t.replace(XML_ENTITY, "")).not.toMatch(/&/);
  return texts.map((t) => t.replace(XML_ENTITY, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!));
}

function card(headline: string, extra: Partial<StoryCard> = {}): StoryCard {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    headline,
    standfirst: headline,
    path: "/reports/story",
    sectionId: null,
    sectionName: headline,
    language: "en",
    publishedAt: "2016-12-01T16:10:00.000Z",
    updatedAt: "2016-12-02T16:10:00.000Z",
    bylines: [{ name: headline, slug: null }],
    image: null,
    ...extra,
  };
}

function article(text: string): SiteArticle {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    revisionId: "00000000-0000-4000-8000-000000000002",
    headline: text,
    standfirst: text,
    html: renderStoryHtml(plainTextToDoc(text)),
    bodyText: text,
    sourceLine: text,
    slug: "story",
    path: "/reports/story",
    language: "en",
    sectionId: null,
    bylines: [{ name: text, slug: "ada-admin" }, { name: text, slug: null }],
    tags: [{ name: text, slug: "tag" }],
    seoTitle: "",
    seoDescription: "",
    firstPublishedAt: "2016-12-01T16:10:00.000Z",
    lastPublishedAt: "2016-12-02T16:10:00.000Z",
    image: { src: "/media/key", width: 800, height: 600, alt: text, srcSet: "", avifSrcSet: "", caption: text, credit: text },
    translationGroupId: null,
  };
}

/**
 * No element or attribute the hostile text could have made. Text is escaped, so every "<" left in
 * the output opens a real tag: look at the tags themselves, not at the words between them.
 */
function expectNoInjectedMarkup(html: string): void {
  const withoutSeparators = html.replace(/<!-- -->/g, "");
  expect(withoutSeparators).not.toMatch(/<!--|<!\[CDATA/);
  for (const [, name, attrs] of withoutSeparators.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    expect(["script", "svg", "iframe", "object", "embed", "base", "form"]).not.toContain(name!.toLowerCase());
    for (const [, attr, value] of attrs!.matchAll(/\s([^\s=>]+)(?:="([^"]*)")?/g)) {
      expect(attr!.toLowerCase().startsWith("on"), `${name} ${attr}`).toBe(false);
      if (attr === "href" || attr === "src") expect(value ?? "").not.toMatch(/^\s*javascript:/i);
    }
    if (name === "img") expect(attrs).toContain('src="/media/key"');
  }
  // Every "<" begins one of the tags checked above.
  expect(withoutSeparators.replace(/<\/?[a-zA-Z][^<>]*>/g, "").replace(/<!DOCTYPE html>/, "")).not.toContain("<");
}

describe.each(HOSTILE)("hostile text %#", (text) => {
  const expected = stripInvalidXmlChars(text);

  it("stays text in RSS, sitemaps and the news sitemap, which stay well-formed", () => {
    const item: FeedItem = { ...card(text), sectionPath: "reports", excerpt: text };
    const rss = buildRssFeed({ title: text, description: text, selfPath: "/feed.xml", linkPath: "/", language: "en", origin: "https://news.example.org" }, [item, item]);
    const texts = checkXml(rss);
    expect(texts.filter((t) => t === expected).length).toBeGreaterThanOrEqual(6);

    checkXml(buildSitemapIndex("https://news.example.org", ["/sitemaps/sections.xml"]));
    checkXml(buildUrlSet("https://news.example.org", [{ path: "/reports/story", lastModified: "2016-12-01T16:10:00.000Z" }]));
    const news = checkXml(buildNewsSitemap("https://news.example.org", text, [{ path: "/reports/story", headline: text, language: "en", publishedAt: "2016-12-01T16:10:00.000Z" }]));
    expect(news.filter((t) => t === expected)).toHaveLength(2);
  });

  it("stays data in JSON-LD, which cannot end its script element", () => {
    const data = newsArticleJsonLd({ article: article(text), corrections: [{ note: text, createdAt: "2016-12-03T00:00:00.000Z" }], lineage: [{ id: "s", name: text, slug: "s", path: "s", parentId: null, position: 0, description: "" }], newsroomName: text, origin: "https://news.example.org", description: text });
    const json = jsonForScript(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(JSON.parse(json).headline).toBe(text);
    expect(JSON.parse(json).correction[0].text).toBe(text);
  });

  it("stays text in the article, lists, breadcrumbs and search highlights rendered by React", () => {
    const html = renderToStaticMarkup(
      <ArticleView article={article(text)} crumbs={[{ name: "Home", href: "/" }, { name: text }]} corrections={[{ note: text, createdAt: "2016-12-03T00:00:00.000Z" }]} translations={[]} timeZone="Asia/Damascus" />,
    );
    expectNoInjectedMarkup(html);
    expect(html).toContain('<img src="/media/key"');
    const list = renderToStaticMarkup(<StoryList stories={[card(text)]} timeZone="UTC" pageLanguage="en" />);
    expectNoInjectedMarkup(list);
    expectNoInjectedMarkup(renderToStaticMarkup(<Breadcrumbs crumbs={[{ name: text, href: "/x" }, { name: text }]} />));
    const marked = renderToStaticMarkup(<Marked text={`${text} ${SEARCH_MARK_START}${text}${SEARCH_MARK_END} ${text}`} />);
    expectNoInjectedMarkup(marked);
    expect(marked.match(/<mark>/g)).toHaveLength(1);
  });

  it("reaches meta tags as plain text (Next escapes attributes) and the status pages escaped", () => {
    const meta = articleMetadata(article(text), [], { name: text, timeZone: "UTC", defaultLanguage: "en" }, "https://news.example.org");
    expect(meta.title).toEqual({ absolute: `${text} · ${text}` });
    expect(meta.description).toBe(describeArticle(article(text)));
    expect(meta.openGraph?.title).toBe(text);
    for (const page of [notFoundPageHtml({ name: text, language: "en", sections: [{ name: text, path: "news" }] }), gonePageHtml({ name: text, language: "ar", sections: [{ name: text, path: "news" }] })]) expectNoInjectedMarkup(page.replace(/<style>[\s\S]*?<\/style>/, ""));
  });
});

describe("escape helpers", () => {
  it("escape the five XML specials and drop what XML 1.0 cannot hold", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u0001c\uFFFEd\uD800e\u{1F4F0}")).toBe("abcde\u{1F4F0}");
    expect(escapeXml("tab\tnewline\ncr\r")).toBe("tab\tnewline\ncr\r");
  });

  it("robots.txt points at the sitemaps on the configured origin", () => {
    expect(buildRobotsTxt("https://news.example.org")).toContain("Sitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml");
  });
});
