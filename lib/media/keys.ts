/**
 * Storage keys and public URLs of stored images. Keys are random (never derived from the uploaded
 * name, which is chosen by the uploader and may be a path, a script or simply collide) and have
 * one strict shape, so a URL can be checked before any storage is touched.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

/** `<asset key>-w<width>.<avif|webp|jpg>`, e.g. `0f8fad5b-d9cb-469f-a165-70867728950e-w960.avif`. */
export const VARIANT_KEY_PATTERN = new RegExp(`^${UUID}-w[1-9][0-9]{0,4}\\.(?:avif|webp|jpg)$`);

const ASSET_KEY_PATTERN = new RegExp(`^${UUID}$`);

const EXTENSIONS = { "image/avif": "avif", "image/webp": "webp", "image/jpeg": "jpg" } as const;
export type StoredImageType = keyof typeof EXTENSIONS;

export function createAssetKey(): string {
  return crypto.randomUUID();
}

export function isAssetKey(value: string): boolean {
  return ASSET_KEY_PATTERN.test(value);
}

export function isVariantKey(value: unknown): value is string {
  return typeof value === "string" && VARIANT_KEY_PATTERN.test(value);
}

export function variantKeyFor(assetKey: string, width: number, mimeType: StoredImageType): string {
  const key = `${assetKey}-w${width}.${EXTENSIONS[mimeType]}`;
  if (!isVariantKey(key)) throw new Error("Invalid media key parts.");
  return key;
}

/** The stored type of a variant, which its key records because we chose both. */
export function contentTypeForKey(key: string): StoredImageType | null {
  if (!isVariantKey(key)) return null;
  if (key.endsWith(".avif")) return "image/avif";
  return key.endsWith(".webp") ? "image/webp" : "image/jpeg";
}

/** The asset a rendition belongs to: every variant key starts with its asset's key. */
export function assetKeyOfVariant(key: string): string | null {
  return isVariantKey(key) ? key.slice(0, 36) : null;
}

export function mediaUrl(key: string): string {
  return `/media/${key}`;
}
