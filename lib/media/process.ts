import "server-only";
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from "sharp";
import { detectImageType, type ImageKind } from "./detect";
import {
  formatMegabytes,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_PIXELS,
  TOO_LARGE_MESSAGE,
  VARIANT_WIDTHS,
  type AcceptedImageType,
} from "./limits";

/** A refusal the uploader can act on; its message is safe to show. */
export class ImageRefusedError extends Error {
  constructor(
    readonly code: "too_large" | "too_many_pixels" | "unsupported" | "damaged" | "markup" | "polyglot" | "trailing_data" | "empty",
    message: string,
  ) {
    super(message);
    this.name = "ImageRefusedError";
  }
}

export type ProcessedVariant = {
  width: number;
  height: number;
  format: "avif" | "webp" | "jpeg";
  mimeType: "image/avif" | "image/webp" | "image/jpeg";
  data: Buffer;
};

export type ProcessedImage = {
  /** What the upload was, by its bytes. */
  sourceType: AcceptedImageType;
  /** Upright dimensions of the upload (after EXIF orientation). */
  width: number;
  height: number;
  /** AVIF then WebP at each responsive width, narrowest first, then one JPEG at the largest width. */
  variants: ProcessedVariant[];
};

/** WebP cannot encode a side longer than this. */
const WEBP_MAX_SIDE = 16_383;

/** A crafted file can make a decoder spin; no honest 50-megapixel image needs this long. */
const PIPELINE_TIMEOUT_SECONDS = 60;

/**
 * Decoding a large image takes hundreds of megabytes; capping how many run at once keeps a burst
 * of uploads (or someone scripting the endpoint) from exhausting the server's memory.
 */
const MAX_CONCURRENT_JOBS = 2;

// The upload is untrusted. libvips' "error" level refuses truncated and corrupt data, but unlike
// "warning" accepts the harmless quirks real camera JPEGs often carry. Only the first frame of an
// animated GIF or WebP is read: a news page shows a still, and every extra frame multiplies the
// memory and CPU an upload can demand.
const DECODE_OPTIONS: SharpOptions = {
  failOn: "error",
  limitInputPixels: MAX_UPLOAD_PIXELS,
  pages: 1,
  autoOrient: true,
};

const SHARP_FORMATS: Record<ImageKind, string> = { jpeg: "jpeg", png: "png", webp: "webp", gif: "gif", avif: "heif" };

/**
 * Checks, decodes and re-encodes an upload into responsive AVIF and WebP renditions and one JPEG
 * fallback (for feeds, e-mail and the rare browser with neither).
 * Every output is freshly encoded from pixels, so nothing of the original file survives: no EXIF
 * (GPS can reveal where a source was), no XMP or IPTC, no ICC profile, no hidden payload.
 */
export async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  if (input.byteLength > MAX_UPLOAD_BYTES) {
    throw new ImageRefusedError("too_large", `${TOO_LARGE_MESSAGE} This file is ${formatMegabytes(input.byteLength)}.`);
  }
  const detected = detectImageType(input);
  if (!detected.ok) throw new ImageRefusedError(detected.code, detected.message);

  const header = await readHeader(input);
  if (header.format !== SHARP_FORMATS[detected.kind] || (detected.kind === "avif" && header.compression !== "av1")) {
    throw new ImageRefusedError("damaged", "This image file is damaged or is not really the kind of image it claims to be.");
  }
  const { width, height } = header.autoOrient;
  if (!(width > 0 && height > 0)) throw new ImageRefusedError("damaged", "This image has no size and cannot be used.");
  if (width * height > MAX_UPLOAD_PIXELS) {
    throw new ImageRefusedError(
      "too_many_pixels",
      `This image is ${width.toLocaleString("en")} × ${height.toLocaleString("en")} pixels; images can be at most 50 megapixels. Make it smaller and try again.`,
    );
  }
  const largestWidth = Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]);
  if (Math.round((height * largestWidth) / width) > WEBP_MAX_SIDE) {
    throw new ImageRefusedError("too_many_pixels", "This image is too tall and narrow to show on a web page. Crop it and try again.");
  }

  const variants = await runLimited(() => encodeVariants(input, largestWidth));
  return { sourceType: detected.mimeType, width, height, variants };
}

/** Reads only the header: dimensions are known before a single pixel is decoded. */
async function readHeader(input: Uint8Array): Promise<Metadata> {
  try {
    // The pixel limit is checked below with a message that names the size, so it is lifted here;
    // metadata() never decodes pixels.
    return await sharp(input, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefusedError("damaged", "This image file is damaged or incomplete and cannot be uploaded.");
  }
}

async function encodeVariants(input: Uint8Array, largestWidth: number): Promise<ProcessedVariant[]> {
  let master: { data: Buffer; info: OutputInfo };
  try {
    // Decode once, upright, in sRGB at the largest width; every rendition is cut from these pixels.
    master = await sharp(input, DECODE_OPTIONS)
      .resize({ width: largestWidth, withoutEnlargement: true })
      .toColourspace("srgb")
      .raw()
      .timeout({ seconds: PIPELINE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRefusedError("damaged", "This image file is damaged or incomplete and cannot be uploaded.");
  }
  const { width, height, channels } = master.info;
  const fromMaster = () => sharp(master.data, { raw: { width, height, channels } }).timeout({ seconds: PIPELINE_TIMEOUT_SECONDS });

  const widths = [...VARIANT_WIDTHS.filter((w) => w < width), width];
  const variants: ProcessedVariant[] = [];
  for (const target of widths) {
    const resized = () => (target < width ? fromMaster().resize({ width: target }) : fromMaster());
    // AVIF is about a third smaller than WebP at the same look; effort 3 of 9 keeps an upload's
    // encoding to a second or two on a small server while losing little of that.
    const avif = await resized().avif({ quality: 50, effort: 3 }).toBuffer({ resolveWithObject: true });
    variants.push({ width: avif.info.width, height: avif.info.height, format: "avif", mimeType: "image/avif", data: avif.data });
    const webp = await resized().webp({ quality: 75 }).toBuffer({ resolveWithObject: true });
    variants.push({ width: webp.info.width, height: webp.info.height, format: "webp", mimeType: "image/webp", data: webp.data });
  }
  // JPEG has no transparency; white is what a transparent logo on an article page sits on.
  const jpeg = await fromMaster()
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  variants.push({ width: jpeg.info.width, height: jpeg.info.height, format: "jpeg", mimeType: "image/jpeg", data: jpeg.data });
  return variants;
}

let running = 0;
const waiting: Array<() => void> = [];

async function runLimited<T>(job: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  if (running >= MAX_CONCURRENT_JOBS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
