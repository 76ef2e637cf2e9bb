import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "@/lib/validation/zod";
import { getDb, tables } from "@/lib/db";
import { mediaUrl } from "./keys";

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
  variants: MediaAssetVariant[];
};

type MediaRow = typeof tables.mediaAssets.$inferSelect;

export function toMediaAsset(row: MediaRow): MediaAsset {
  const variants = row.variants.map((v) => ({ ...v, url: mediaUrl(v.key) }));
  const responsive = variants.filter((v) => v.mimeType === "image/webp").sort((a, b) => a.width - b.width);
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
    variants,
  };
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
