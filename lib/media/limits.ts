/**
 * Upload limits and the formats the newsroom accepts. Pure on purpose: the browser helper reads
 * the same numbers to refuse a file before spending minutes uploading it, and the server is the
 * one that actually enforces them.
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Multipart framing plus alt, caption and credit fit easily in the extra megabyte. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/**
 * A 50-megapixel RGBA image is ~200 MB once decoded; beyond that a single upload could starve the
 * server, and no news photo needs more.
 */
export const MAX_UPLOAD_PIXELS = 50_000_000;

/**
 * Responsive widths, chosen for the article column (46rem, full width on a phone): 480 for a
 * phone at 1x, 800 for a 390 px phone at 2x and the desktop column at 1x, 1200 for a phone at 3x
 * (390 x 3 = 1170), 1600 for the desktop column at 2x. Wider costs bandwidth no layout uses.
 */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600] as const;

export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif", "image/gif"] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

/** For `<input type="file" accept>`; only a hint to the file picker, never a check. */
export const IMAGE_INPUT_ACCEPT = ACCEPTED_IMAGE_TYPES.join(",");

export const UNSUPPORTED_TYPE_MESSAGE = "Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.";
export const TOO_LARGE_MESSAGE = "Images can be at most 20 MB.";

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
