/**
 * Decides what an uploaded file is from its bytes alone. The file name and the Content-Type are
 * chosen by whoever sends the file, so they are never consulted.
 *
 * Besides the magic bytes, each format's container is walked to its real end: bytes hidden after
 * the end of an image (an HTML page, a ZIP archive) make a "polyglot" that other programs open as
 * something else. Everything we store is re-encoded, so a polyglot could not survive anyway; we
 * still refuse it, because a file built that way is an attack or a broken export, never a photo.
 */
import { UNSUPPORTED_TYPE_MESSAGE, type AcceptedImageType } from "./limits";

export type ImageKind = "jpeg" | "png" | "webp" | "avif" | "gif";

export type DetectedImage = { ok: true; kind: ImageKind; mimeType: AcceptedImageType };

export type DetectionRefusal = {
  ok: false;
  code: "empty" | "unsupported" | "markup" | "polyglot" | "trailing_data" | "damaged";
  message: string;
};

export type DetectionResult = DetectedImage | DetectionRefusal;

const MIME_TYPES: Record<ImageKind, AcceptedImageType> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

const MARKUP_MESSAGE =
  "This file contains web page or script code hidden in the image and cannot be uploaded. Save it again as a plain image and retry.";
const POLYGLOT_MESSAGE =
  "This file is an image combined with another kind of file and cannot be uploaded. Save it again as a plain image and retry.";
const TRAILING_MESSAGE =
  "This image has extra data after its end (for example a hidden file, or a motion-photo video) and cannot be uploaded. Save it again as a plain image and retry.";
const DAMAGED_MESSAGE = "This image file is damaged or incomplete and cannot be uploaded.";

/** How far into each end of the file we look for markup. */
export const MARKUP_SCAN_BYTES = 64 * 1024;

/**
 * Tags a browser or PHP would act on. Each is followed by a delimiter so that four random bytes of
 * compressed image data spelling "<svg" (about 1 upload in 4,000) do not refuse a real photo.
 * XMP metadata is XML but uses none of these names.
 */
const MARKUP_PATTERN = /<(?:script|html|svg|iframe)[\s>/]|<\?php[\s]|<!doctype\s+html/i;

export function detectImageType(input: Uint8Array): DetectionResult {
  const bytes = asBuffer(input);
  if (bytes.length === 0) return refuse("empty", "The file is empty.");

  const kind = sniffKind(bytes);
  if (!kind) return refuse("unsupported", describeUnsupported(bytes));

  if (containsMarkup(bytes)) return refuse("markup", MARKUP_MESSAGE);
  if (containsOtherContainer(bytes)) return refuse("polyglot", POLYGLOT_MESSAGE);

  const structure = checkStructure(kind, bytes);
  if (structure) return structure;

  return { ok: true, kind, mimeType: MIME_TYPES[kind] };
}

function refuse(code: DetectionRefusal["code"], message: string): DetectionRefusal {
  return { ok: false, code, message };
}

function asBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.toString("latin1", start, Math.min(end, bytes.length));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

function sniffKind(bytes: Buffer): ImageKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  const head6 = ascii(bytes, 0, 6);
  if (head6 === "GIF87a" || head6 === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 4, 8) === "ftyp" && ftypBrands(bytes).some((brand) => brand === "avif" || brand === "avis")) return "avif";
  return null;
}

/** Major and compatible brands of a leading ISO-BMFF `ftyp` box. */
function ftypBrands(bytes: Buffer): string[] {
  if (bytes.length < 16) return [];
  const size = bytes.readUInt32BE(0);
  const end = Math.min(size >= 16 ? size : 16, bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

/** A refusal that names what the file actually is, when we can tell, so the reporter knows what to do. */
function describeUnsupported(bytes: Buffer): string {
  const head = ascii(bytes, 0, 1024).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return `PDF files cannot be uploaded as images. ${UNSUPPORTED_TYPE_MESSAGE}`;
  if (/<svg[\s>]/.test(head) || (head.startsWith("<?xml") && head.includes("<svg"))) {
    return `SVG images cannot be uploaded because they can carry scripts. ${UNSUPPORTED_TYPE_MESSAGE}`;
  }
  if (head.startsWith("<")) return `This file is a web page or other text, not an image. ${UNSUPPORTED_TYPE_MESSAGE}`;
  if (ascii(bytes, 4, 8) === "ftyp" && ftypBrands(bytes).some((b) => ["heic", "heix", "heim", "heis", "hevc", "mif1"].includes(b))) {
    return `HEIC photos cannot be uploaded yet; export the photo as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible). ${UNSUPPORTED_TYPE_MESSAGE}`;
  }
  return UNSUPPORTED_TYPE_MESSAGE;
}

function containsMarkup(bytes: Buffer): boolean {
  if (MARKUP_PATTERN.test(ascii(bytes, 0, MARKUP_SCAN_BYTES))) return true;
  if (bytes.length <= MARKUP_SCAN_BYTES) return false;
  // Start the tail window a few bytes early so a tag straddling the boundary is still seen.
  const tailStart = Math.max(MARKUP_SCAN_BYTES - 16, bytes.length - MARKUP_SCAN_BYTES);
  return MARKUP_PATTERN.test(ascii(bytes, tailStart, bytes.length));
}

/**
 * A PDF reader accepts `%PDF-` anywhere in the first kilobyte, and a ZIP reader finds its
 * end-of-central-directory record by scanning back from the end. The ZIP check requires the
 * record's comment length to reach exactly the end of the file, as ZIP readers do, so image data
 * that happens to contain "PK\5\6" is not mistaken for an archive.
 */
function containsOtherContainer(bytes: Buffer): boolean {
  if (bytes.subarray(0, 1024).includes("%PDF-", 0, "latin1")) return true;
  const eocd = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  const windowStart = Math.max(0, bytes.length - (65_535 + 22));
  for (let at = bytes.lastIndexOf(eocd); at >= windowStart; at = at > 0 ? bytes.lastIndexOf(eocd, at - 1) : -1) {
    if (at + 22 <= bytes.length && at + 22 + bytes.readUInt16LE(at + 20) === bytes.length) return true;
  }
  return false;
}

function checkStructure(kind: ImageKind, bytes: Buffer): DetectionRefusal | null {
  const end = (() => {
    switch (kind) {
      case "jpeg":
        return jpegEnd(bytes, 0);
      case "png":
        return pngEnd(bytes);
      case "gif":
        return gifEnd(bytes);
      case "webp":
        return webpEnd(bytes);
      case "avif":
        return isoBmffEnd(bytes);
    }
  })();
  if (end === null) return refuse("damaged", DAMAGED_MESSAGE);
  if (end === bytes.length) return null;
  if (kind === "jpeg" && jpegTrailerIsAllowed(bytes, end)) return null;
  return refuse("trailing_data", TRAILING_MESSAGE);
}

/**
 * Offset just past the EOI marker of the JPEG starting at `start`, or null when the segment
 * structure is broken. Entropy-coded data is skipped the way a decoder does: FF00 is a stuffed
 * byte, FFD0-FFD7 are restart markers, FFFF is fill, any other FFxx is the next marker.
 */
function jpegEnd(bytes: Buffer, start: number): number | null {
  if (!startsWith(bytes, [0xff, 0xd8], start)) return null;
  let pos = start + 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    while (bytes[pos + 1] === 0xff) pos++;
    const marker = bytes[pos + 1];
    if (marker === undefined) return null;
    if (marker === 0xd9) return pos + 2;
    if (marker === 0xd8 || marker === 0x00) return null;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) return null;
    const length = bytes.readUInt16BE(pos + 2);
    if (length < 2) return null;
    pos += 2 + length;
    if (pos > bytes.length) return null;
    if (marker !== 0xda) continue;
    // Start of scan: walk the compressed data to the next real marker.
    for (;;) {
      pos = bytes.indexOf(0xff, pos);
      if (pos === -1 || pos + 1 >= bytes.length) return null;
      const next = bytes[pos + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
      else if (next === 0xff) pos += 1;
      else break;
    }
  }
  return null;
}

/**
 * Phones and cameras legitimately put more JPEGs after the main one (MPF: Ultra HDR gain maps,
 * depth maps, previews) and some pad with zeros. Anything else after EOI is refused.
 */
function jpegTrailerIsAllowed(bytes: Buffer, end: number): boolean {
  let pos = end;
  for (let embedded = 0; pos < bytes.length; ) {
    if (bytes[pos] === 0x00 || bytes[pos] === 0xff) {
      if (bytes[pos] === 0xff && bytes[pos + 1] === 0xd8) {
        if (++embedded > 8) return false;
        const next = jpegEnd(bytes, pos);
        if (next === null) return false;
        pos = next;
      } else {
        pos++;
      }
      continue;
    }
    return false;
  }
  return true;
}

/** Offset just past IEND, or null when the chunk list is broken. */
function pngEnd(bytes: Buffer): number | null {
  let pos: number = PNG_SIGNATURE.length;
  let first = true;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = ascii(bytes, pos + 4, pos + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (first && type !== "IHDR") return null;
    first = false;
    const next = pos + 12 + length;
    if (next > bytes.length) return null;
    if (type === "IEND") return next;
    pos = next;
  }
  return null;
}

/** Offset just past the GIF trailer (0x3B), or null when the block structure is broken. */
function gifEnd(bytes: Buffer): number | null {
  if (bytes.length < 13) return null;
  const screenFlags = bytes[10];
  let pos = 13 + (screenFlags & 0x80 ? 3 * 2 ** ((screenFlags & 0x07) + 1) : 0);
  const skipSubBlocks = (from: number): number | null => {
    let at = from;
    for (;;) {
      const size = bytes[at];
      if (size === undefined) return null;
      at += 1;
      if (size === 0) return at;
      at += size;
    }
  };
  while (pos <= bytes.length) {
    const introducer = bytes[pos];
    if (introducer === 0x3b) return pos + 1;
    // Some encoders omit the trailer; a file ending cleanly between blocks is still whole.
    if (introducer === undefined) return pos;
    if (introducer === 0x21) {
      const next = skipSubBlocks(pos + 2);
      if (next === null) return null;
      pos = next;
    } else if (introducer === 0x2c) {
      if (pos + 10 > bytes.length) return null;
      const imageFlags = bytes[pos + 9];
      pos += 10 + (imageFlags & 0x80 ? 3 * 2 ** ((imageFlags & 0x07) + 1) : 0);
      // LZW minimum code size, then the image data sub-blocks.
      const next = skipSubBlocks(pos + 1);
      if (next === null) return null;
      pos = next;
    } else {
      return null;
    }
  }
  return null;
}

/** End of the RIFF container as declared in its header (chunks are padded to even sizes). */
function webpEnd(bytes: Buffer): number | null {
  if (bytes.length < 12) return null;
  const end = 8 + bytes.readUInt32LE(4);
  if (end > bytes.length) return null;
  // A writer may pad an odd-sized RIFF with one zero byte.
  if (end + 1 === bytes.length && bytes[end] === 0) return bytes.length;
  return end;
}

/** Top-level ISO-BMFF boxes must tile the file exactly: anything appended breaks the tiling. */
function isoBmffEnd(bytes: Buffer): number | null {
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) return null;
    let size = bytes.readUInt32BE(pos);
    const type = ascii(bytes, pos + 4, pos + 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
    let header = 8;
    if (size === 1) {
      if (pos + 16 > bytes.length) return null;
      const high = bytes.readUInt32BE(pos + 8);
      if (high > 0x1fffff) return null;
      size = high * 2 ** 32 + bytes.readUInt32BE(pos + 12);
      header = 16;
    } else if (size === 0) {
      size = bytes.length - pos;
    }
    if (size < header || pos + size > bytes.length) return null;
    pos += size;
  }
  return pos;
}
