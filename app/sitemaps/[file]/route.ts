import { getSitemapChunk, getSiteSections } from "@/lib/site/data";
import { buildUrlSet } from "@/lib/site/feeds";
import { siteOrigin } from "@/lib/site/origin";
import { MAX_PAGE } from "@/lib/site/paths";
import { xmlResponse } from "@/lib/site/xml-response";
import { connection } from "next/server";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  // Per request (from cached data): never evaluated, nor the database read, at build time.
  await connection();
  const { file } = await params;
  const origin = siteOrigin();
  if (file === "sections.xml") {
    const sections = await getSiteSections();
    return xmlResponse(buildUrlSet(origin, [{ path: "/", lastModified: "" }, ...sections.map((s) => ({ path: `/${s.path}`, lastModified: "" }))]));
  }
  const match = /^stories-([1-9][0-9]{0,3})\.xml$/.exec(file);
  const chunk = match ? Number(match[1]) : 0;
  if (!match || chunk > MAX_PAGE) return new Response("Not found", { status: 404 });
  const entries = await getSitemapChunk(chunk - 1);
  // Past the last story (or none published): not a sitemap. The index lists only full chunks.
  if (entries.length === 0) return new Response("Not found", { status: 404 });
  return xmlResponse(buildUrlSet(origin, entries));
}
