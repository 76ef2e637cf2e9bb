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

/**
 * The sample test image: a 3000 x 2000 camera-style JPEG (quality 90) of a city street scene, built
 * from a seed so every run gets the same bytes. Unlike the solid-colour images above it has what
 * makes real photographs expensive to encode: gradients, hard edges, hundreds of small details and
 * sensor grain. The rendition sizes promised for the article page are measured on it.
 */
export async function makeSamplePhoto(size: Size = { width: 3000, height: 2000 }): Promise<Buffer> {
  const { width, height } = size;
  let seed = 20_161_201;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const horizon = Math.round(height * 0.62);
  const shapes: string[] = [];
  for (let x = -40; x < width; ) {
    const w = 60 + Math.round(random() * 220);
    const h = Math.round(height * (0.15 + random() * 0.4));
    const shade = 90 + Math.round(random() * 120);
    const tint = `rgb(${shade},${shade - 20 + Math.round(random() * 30)},${shade - 40 + Math.round(random() * 40)})`;
    shapes.push(`<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="${tint}"/>`);
    for (let wy = horizon - h + 18; wy < horizon - 30; wy += 34) {
      for (let wx = x + 10; wx < x + w - 22; wx += 28) {
        const lit = random() > 0.55;
        shapes.push(`<rect x="${wx}" y="${wy}" width="14" height="20" fill="${lit ? "#f3d98b" : "#2b3440"}" opacity="${(0.6 + random() * 0.4).toFixed(2)}"/>`);
      }
    }
    x += w + Math.round(random() * 12);
  }
  for (let i = 0; i < 140; i++) {
    const cx = Math.round(random() * width);
    const cy = horizon + Math.round(random() * (height - horizon));
    const r = 6 + Math.round(random() * 40);
    const c = Math.round(random() * 255);
    shapes.push(`<ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${Math.round(r * 1.8)}" fill="rgb(${c},${(c * 7) % 255},${(c * 13) % 255})" opacity="0.8"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4a7fb5"/><stop offset="1" stop-color="#f0c9a0"/></linearGradient>
      <linearGradient id="road" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6b6259"/><stop offset="1" stop-color="#2e2a26"/></linearGradient>
    </defs>
    <rect width="${width}" height="${horizon}" fill="url(#sky)"/>
    <circle cx="${Math.round(width * 0.78)}" cy="${Math.round(height * 0.18)}" r="${Math.round(height * 0.06)}" fill="#fff3d6"/>
    <rect y="${horizon}" width="${width}" height="${height - horizon}" fill="url(#road)"/>
    ${shapes.join("")}
  </svg>`;
  const scene = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Sensor grain: small, per-pixel and per-channel, as a camera at ISO 400 leaves it.
  const pixels = scene.data;
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i]! + Math.round((random() - 0.5) * 14)));
  return sharp(pixels, { raw: { width, height, channels: 3 } }).blur(0.5).jpeg({ quality: 90 }).toBuffer();
}
