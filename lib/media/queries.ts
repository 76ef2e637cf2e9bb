import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { z } from "@/lib/validation/zod";
import type { FigureSources } from "@/lib/content/render";
import { getDb, tables, type Database } from "@/lib/db";
import { assetKeyOfVariant, isAssetKey, mediaUrl } from "./keys";

export type MediaAssetVariant = { width: number; height: number; mimeType: string; bytes: number; key: string; url: string };

/** A stored image as the rest of the app sees it: URLs included, storage paths never. */
export type MediaAsset = {
  id: string;
  storageKey: string;
  /** As the uploader's computer named it: display-only text, escape it when shown. */
  originalName: string;
  /** The uploaded format; what is served is always one of the variants. */
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: string | null;
  createdAt: Date;
  /** Largest WebP rendition. */
  url: string;
  /** JPEG rendition at the largest width, for clients without WebP. */
  fallbackUrl: string;
  /** WebP renditions, narrowest first: a ready-made `srcset`. */
  responsive: MediaAssetVariant[];
  /** AVIF renditions, narrowest first (none for images uploaded before AVIF was made). */
  avif: MediaAssetVariant[];
  /** Whether readers may see it: a story using it has gone live. */
  isPublic: boolean;
  variants: MediaAssetVariant[];
};

type MediaRow = typeof tables.mediaAssets.$inferSelect;

export function toMediaAsset(row: MediaRow): MediaAsset {
  const variants = row.variants.map((v) => ({ ...v, url: mediaUrl(v.key) }));
  const responsive = variants.filter((v) => v.mimeType === "image/webp").sort((a, b) => a.width - b.width);
  const avif = variants.filter((v) => v.mimeType === "image/avif").sort((a, b) => a.width - b.width);
  const fallback = variants.find((v) => v.mimeType === "image/jpeg");
  const largest = responsive[responsive.length - 1] ?? fallback;
  return {
    id: row.id,
    storageKey: row.storageKey,
    originalName: row.originalName,
    mimeType: row.mimeType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt,
    url: largest?.url ?? "",
    fallbackUrl: fallback?.url ?? largest?.url ?? "",
    responsive,
    avif,
    isPublic: row.publicSince !== null,
    variants,
  };
}

/** "url 480w, url 800w" over the renditions of one type, narrowest first. */
export function srcSetOf(variants: readonly { key: string; width: number; mimeType: string }[], mimeType: string): string {
  return variants
    .filter((v) => v.mimeType === mimeType && v.width > 0)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.key)} ${v.width}w`)
    .join(", ");
}

/**
 * Responsive sources for the figures of a story body, by the figure's `src` (one of our
 * `/media/<rendition>` URLs). Runs inside the publishing transaction, hence the reader argument.
 */
export async function readFigureSources(reader: Pick<Database, "select">, srcs: readonly string[]): Promise<Map<string, FigureSources>> {
  const byKey = new Map<string, string[]>();
  for (const src of srcs) {
    const assetKey = src.startsWith("/media/") ? assetKeyOfVariant(src.slice("/media/".length)) : null;
    if (assetKey) byKey.set(assetKey, [...(byKey.get(assetKey) ?? []), src]);
  }
  const result = new Map<string, FigureSources>();
  if (byKey.size === 0) return result;
  const rows = await reader
    .select({ storageKey: tables.mediaAssets.storageKey, variants: tables.mediaAssets.variants })
    .from(tables.mediaAssets)
    .where(inArray(tables.mediaAssets.storageKey, [...byKey.keys()]));
  for (const row of rows) {
    const sources = { avifSrcSet: srcSetOf(row.variants, "image/avif"), webpSrcSet: srcSetOf(row.variants, "image/webp") };
    for (const src of byKey.get(row.storageKey) ?? []) result.set(src, sources);
  }
  return result;
}

/**
 * Public images never become private again, so a "public" answer is kept for the life of the
 * process: serving a published photo costs no query after the first request.
 */
const knownPublic = new Set<string>();
const KNOWN_PUBLIC_LIMIT = 50_000;

/**
 * Who may see an asset's renditions: everyone once a story using it has gone live; otherwise
 * (a draft's image, or a stored file no row describes) signed-in staff only.
 */
export async function readMediaVisibility(assetKey: string): Promise<"public" | "staff"> {
  if (!isAssetKey(assetKey)) return "staff";
  if (knownPublic.has(assetKey)) return "public";
  const db = await getDb();
  const [row] = await db.select({ publicSince: tables.mediaAssets.publicSince }).from(tables.mediaAssets).where(eq(tables.mediaAssets.storageKey, assetKey));
  if (!row?.publicSince) return "staff";
  if (knownPublic.size >= KNOWN_PUBLIC_LIMIT) knownPublic.clear();
  knownPublic.add(assetKey);
  return "public";
}

const idSchema = z.uuid();

/** null for an unknown id, and for anything that is not an id at all (ids arrive from URLs and JSON). */
export async function getMediaAsset(id: string): Promise<MediaAsset | null> {
  if (!idSchema.safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db.select().from(tables.mediaAssets).where(eq(tables.mediaAssets.id, id));
  return row ? toMediaAsset(row) : null;
}

/** The uploader's own recent images, newest first, for the editor's "recent uploads" picker. */
export async function listRecentMediaByUploader(userId: string, options: { limit?: number } = {}): Promise<MediaAsset[]> {
  if (!idSchema.safeParse(userId).success) return [];
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 100);
  const db = await getDb();
  const rows = await db
    .select()
    .from(tables.mediaAssets)
    .where(eq(tables.mediaAssets.uploadedBy, userId))
    .orderBy(desc(tables.mediaAssets.createdAt), desc(tables.mediaAssets.id))
    .limit(limit);
  return rows.map(toMediaAsset);
}
