/**
 * Test support: validates sitemap XML against the sitemaps.org XSDs (sitemap.xsd shipped in the
 * npm package "sitemap"; the index schema, which it lacks, in lib/testing/siteindex.xsd) plus Google's
 * news elements (lib/testing/sitemap-news.xsd), with libxml2's validator compiled to WebAssembly
 * (xmllint-wasm), so no system package is needed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const SITEMAP_XSD = readFileSync(path.join(process.cwd(), "node_modules/sitemap/schema/sitemap.xsd"), "utf8");
const NEWS_XSD = readFileSync(path.join(process.cwd(), "lib/testing/sitemap-news.xsd"), "utf8");
const INDEX_XSD = readFileSync(path.join(process.cwd(), "lib/testing/siteindex.xsd"), "utf8");

// One schema for both namespaces: the sitemaps.org one is strict about elements from other
// namespaces, so the news namespace must be declared too.
const BOTH_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>`;

export async function sitemapSchemaErrors(xml: string): Promise<string[]> {
  // The two sitemaps.org schemas share a namespace and type names, so each root has its own.
  if (/<sitemapindex[\s>]/.test(xml)) {
    const index = await validateXML({ xml: [{ fileName: "sitemap.xml", contents: xml }], schema: [{ fileName: "siteindex.xsd", contents: INDEX_XSD }] });
    return index.valid ? [] : index.errors.map((e) => e.message);
  }
  const result = await validateXML({
    xml: [{ fileName: "sitemap.xml", contents: xml }],
    schema: [{ fileName: "both.xsd", contents: BOTH_XSD }],
    preload: [
      { fileName: "sitemap.xsd", contents: SITEMAP_XSD },
      { fileName: "sitemap-news.xsd", contents: NEWS_XSD },
    ],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
