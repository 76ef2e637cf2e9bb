/** Splits the sample article's plain text into the parts the newsroom stores. Pure. */
export type SeedArticle = {
  dateline: string;
  headline: string;
  paragraphs: string[];
  sourceLine: string;
  breadcrumb: string[];
};

const SOURCE_AT_END = /\s*(\(Source:[^()]*\))\s*$/;

export function parseSeedArticle(text: string): SeedArticle {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const [dateline = "", headline = "", ...rest] = blocks;
  // The page's last line is its breadcrumb: "Home Media Center Coalition News <headline>".
  const last = rest.at(-1) ?? "";
  const hasCrumb = last.startsWith("Home ") && last.endsWith(headline);
  const paragraphs = hasCrumb ? rest.slice(0, -1) : rest;
  let sourceLine = "";
  const final = paragraphs.at(-1);
  const match = final?.match(SOURCE_AT_END);
  if (final !== undefined && match) {
    sourceLine = match[1]!;
    paragraphs[paragraphs.length - 1] = final.slice(0, match.index).trim();
  }
  const breadcrumb = hasCrumb ? ["Home", "Media Center", "Coalition News", headline] : ["Home", headline];
  return { dateline, headline, paragraphs, sourceLine, breadcrumb };
}
