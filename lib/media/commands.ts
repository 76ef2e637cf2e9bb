import "server-only";
import { z } from "@/lib/validation/zod";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { and, inArray, isNull, or } from "drizzle-orm";
import { getDb, tables, type Database } from "@/lib/db";
import type { MediaVariant } from "@/lib/db/schema";
import { assetKeyOfVariant, createAssetKey, variantKeyFor } from "./keys";
import { ImageRefusedError, processImage, type ProcessedImage } from "./process";
import { toMediaAsset, type MediaAsset } from "./queries";
import { getMediaStorage, StorageUnavailableError, type MediaStorage } from "./storage";

export type UploadImageInput = {
  bytes: Uint8Array;
  originalName: string;
  alt?: string;
  caption?: string;
  credit?: string;
};

export type UploadImageResult =
  | { ok: true; asset: MediaAsset }
  | {
      ok: false;
      reason: "forbidden" | "invalid" | "too_large" | "unavailable";
      message: string;
      fieldErrors?: Record<string, string[]>;
    };

// Control characters are invisible debris from copy and paste; bidi overrides can make a name
// like "photo\u202Egpj.exe" display as something it is not.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

const cleanText = (max: number, label: string) =>
  z
    .string()
    .transform((value) => value.replace(INVISIBLE, "").trim())
    .pipe(z.string().max(max, `${label} can be at most ${max} characters.`));

export const uploadImageFieldsSchema = z
  .object({
    // Kept only as text to show the uploader; a path or an over-long name is cut down, never refused.
    originalName: z
      .string()
      .transform((value) => (value.split(/[\\/]/).pop() ?? "").replace(INVISIBLE, "").trim().slice(0, 255)),
    alt: cleanText(1000, "Alt text").default(""),
    caption: cleanText(2000, "The caption").default(""),
    credit: cleanText(300, "The credit").default(""),
  })
  .strict();

/**
 * Stores an uploaded image: the only writer of media_assets.
 *
 * The route handler that calls this is a public endpoint, and tomorrow a server action or an
 * import script may call it too; the permission is checked here so none of them can forget it.
 *
 * All or nothing: on any refusal or failure no row is written and every file stored so far is
 * deleted. A refusal comes back as a result with a message fit to show; anything unexpected is
 * thrown for the caller to log.
 */
export async function uploadImage(viewer: Pick<Viewer, "id" | "role">, input: UploadImageInput): Promise<UploadImageResult> {
  if (!can(viewer.role, "media.upload")) {
    return { ok: false, reason: "forbidden", message: "You do not have permission to upload images." };
  }
  const { bytes, ...fields } = input;
  const parsed = uploadImageFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "Check the image details.", fieldErrors };
  }
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: "invalid", message: "Choose an image to upload." };

  let processed: ProcessedImage;
  try {
    processed = await processImage(bytes);
  } catch (error) {
    if (error instanceof ImageRefusedError) {
      return { ok: false, reason: error.code === "too_large" ? "too_large" : "invalid", message: error.message };
    }
    throw error;
  }

  const storage = getMediaStorage();
  const assetKey = createAssetKey();
  const written: string[] = [];
  try {
    const variants: MediaVariant[] = [];
    for (const variant of processed.variants) {
      const key = variantKeyFor(assetKey, variant.width, variant.mimeType);
      written.push(key);
      await storage.put(key, variant.data, variant.mimeType);
      variants.push({ width: variant.width, height: variant.height, key, mimeType: variant.mimeType, bytes: variant.data.byteLength });
    }
    const db = await getDb();
    const [row] = await db
      .insert(tables.mediaAssets)
      .values({
        storageKey: assetKey,
        originalName: parsed.data.originalName,
        mimeType: processed.sourceType,
        width: processed.width,
        height: processed.height,
        bytes: bytes.byteLength,
        variants,
        alt: parsed.data.alt,
        caption: parsed.data.caption,
        credit: parsed.data.credit,
        uploadedBy: viewer.id,
      })
      .returning();
    if (!row) throw new Error("Inserting the media asset returned no row.");
    // Storage is reachable again: finish the cleanup earlier failed uploads could not do. Rare
    // (only after an outage) and quick, so the uploader waits for it; failures stay queued.
    if (leftovers.size > 0) await removeLeftovers(storage);
    return { ok: true, asset: toMediaAsset(row) };
  } catch (error) {
    await removeAll(storage, written);
    if (error instanceof StorageUnavailableError) {
      console.error("Image storage unavailable during an upload:", error, error.cause);
      return { ok: false, reason: "unavailable", message: STORAGE_UNAVAILABLE_MESSAGE };
    }
    throw error;
  }
}

export const STORAGE_UNAVAILABLE_MESSAGE = "Image storage cannot be reached right now, so the image was not saved. Try again in a minute.";

/**
 * Renditions of failed uploads that could not be deleted at the time (the storage went down
 * half-way through an upload): no row describes them, so nobody but staff could fetch them, and
 * the next successful upload deletes them.
 */
const leftovers = new Set<string>();

async function removeAll(storage: MediaStorage, keys: string[]): Promise<void> {
  await Promise.all(
    keys.map((key) =>
      storage.delete(key).catch((error: unknown) => {
        // Cleanup failing must not hide the original error.
        leftovers.add(key);
        console.error(`Could not remove media file ${key} after a failed upload (will retry after the next upload):`, error);
      }),
    ),
  );
}

async function removeLeftovers(storage: MediaStorage): Promise<void> {
  const keys = [...leftovers];
  leftovers.clear();
  await removeAll(storage, keys);
}

/**
 * A story going live makes the images it shows public: its featured image (by id) and its body
 * figures (by their /media/ URLs). Called by the publishing command inside its transaction, so
 * the image is public exactly when the page that shows it is. Never reversed: see publicSince.
 */
export async function markMediaPublic(
  writer: Pick<Database, "update">,
  images: { ids: readonly string[]; urls: readonly string[] },
  now: Date,
): Promise<void> {
  const ids = images.ids.filter((id) => z.uuid().safeParse(id).success);
  const keys = images.urls.flatMap((url) => {
    const key = url.startsWith("/media/") ? assetKeyOfVariant(url.slice("/media/".length)) : null;
    return key ? [key] : [];
  });
  if (ids.length === 0 && keys.length === 0) return;
  const { mediaAssets } = tables;
  const matches = [...(ids.length ? [inArray(mediaAssets.id, ids)] : []), ...(keys.length ? [inArray(mediaAssets.storageKey, keys)] : [])];
  await writer.update(mediaAssets).set({ publicSince: now }).where(and(isNull(mediaAssets.publicSince), or(...matches)));
}
