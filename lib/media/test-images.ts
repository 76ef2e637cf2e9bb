/**
 * Real images built with sharp, and hand-crafted hostile files, for the media tests. Building them
 * at test time keeps binary fixtures out of the repository and makes each one's content obvious.
 */
import { deflateSync } from "node:zlib";
import sharp from "sharp";

type Size = { width: number; height: number };

function solid({ width, height }: Size, alpha = false) {
  return sharp({
    create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 20, g: 90, b: 200, alpha: 0.5 } : { r: 200, g: 40, b: 30 } },
  });
}

/** Aleppo's citadel, roughly: the kind of location a source's photo must not give away. */
export const GPS_EXIF = {
  IFD0: { Make: "DatelineTestCam", Model: "Leaky 1", Copyright: "A source" },
  IFD3: {
    GPSLatitudeRef: "N",
    GPSLatitude: "36/1 11/1 58/1",
    GPSLongitudeRef: "E",
    GPSLongitude: "37/1 9/1 45/1",
  },
};

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Source"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A landscape JPEG stored sideways (EXIF orientation 6) with GPS, camera and XMP metadata. */
export async function makeJpegWithGps(size: Size = { width: 1200, height: 800 }): Promise<Buffer> {
  const plain = await solid(size).jpeg().toBuffer();
  return sharp(plain).withMetadata({ orientation: 6 }).withExifMerge(GPS_EXIF).withXmp(XMP).jpeg().toBuffer();
}

export async function makeJpeg(size: Size = { width: 800, height: 600 }): Promise<Buffer> {
  return solid(size).jpeg().toBuffer();
}

export async function makePng(size: Size = { width: 640, height: 480 }, alpha = true): Promise<Buffer> {
  return solid(size, alpha).png().toBuffer();
}

export async function makeWebp(size: Size = { width: 640, height: 480 }): Promise<Buffer> {
  return solid(size).webp().toBuffer();
}

export async function makeAvif(size: Size = { width: 400, height: 300 }): Promise<Buffer> {
  return solid(size).avif({ effort: 0 }).toBuffer();
}

export async function makeGif(size: Size = { width: 300, height: 200 }): Promise<Buffer> {
  return solid(size).gif().toBuffer();
}

/** Three frames of 120 x 80 (red, green, blue). */
export async function makeAnimatedGif(): Promise<Buffer> {
  const width = 120;
  const pageHeight = 80;
  const frames = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
  ];
  const raw = Buffer.alloc(width * pageHeight * frames.length * 3);
  frames.forEach((rgb, frame) => {
    for (let i = 0; i < width * pageHeight; i++) raw.set(rgb, (frame * width * pageHeight + i) * 3);
  });
  return sharp(raw, { raw: { width, height: pageHeight * frames.length, channels: 3, pageHeight } })
    .gif({ delay: [100, 100, 100], loop: 0 })
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid PNG header claiming width x height greyscale pixels, with a few
 * hundred bytes of zlib data. Decoding it would need width * height bytes; sharp's `create` would
 * take minutes to make a real one, so the bytes are written by hand.
 */
export function craftHugePng(width = 50_000, height = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    // A few filter-byte-prefixed rows of zeros; deflate squeezes them to almost nothing.
    pngChunk("IDAT", deflateSync(Buffer.alloc((width + 1) * 4))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A GIF whose comment extension carries an HTML page: valid to an image decoder, live to a browser. */
export async function makeGifHtmlPolyglot(): Promise<Buffer> {
  const gif = await makeGif({ width: 40, height: 40 });
  const payload = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>", "latin1");
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, payload.length]), payload, Buffer.from([0x00])]);
  // Insert the comment right before the trailer byte, so the block structure stays valid.
  return Buffer.concat([gif.subarray(0, gif.length - 1), comment, gif.subarray(gif.length - 1)]);
}

export const HTML_PAGE = Buffer.from(
  "<!DOCTYPE html><html><head><title>x</title></head><body><script>fetch('/api/steal')</script></body></html>",
  "utf8",
);

export const SVG_IMAGE = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
  "utf8",
);

/** Whether sharp's raw EXIF block has an IFD0 entry pointing at a GPS IFD (tag 0x8825). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? exif.subarray(6) : exif;
  if (tiff.length < 8) return false;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  const entries = u16(ifd0);
  for (let i = 0; i < entries; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}
