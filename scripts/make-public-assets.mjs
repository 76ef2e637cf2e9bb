/**
 * Draws the shipped brand files in public/: favicons, the logo and the default share image.
 * The newsroom's name is a setting, so the mark is generic (a page of news), never a name.
 * Run after changing the drawing: `node scripts/make-public-assets.mjs`; the output is committed.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const PUBLIC = path.join(import.meta.dirname, "..", "public");
const ACCENT = "#9b1c1c";

/** The mark: a red tile holding a white page with a headline bar and lines of text. */
function markSvg(size) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="${ACCENT}"/>
<rect x="7" y="6" width="18" height="20" rx="1.5" fill="#fff"/>
<rect x="9.5" y="9" width="13" height="3" fill="#16181d"/>
<rect x="9.5" y="14" width="13" height="1.6" fill="#4a5160"/>
<rect x="9.5" y="17.5" width="13" height="1.6" fill="#4a5160"/>
<rect x="9.5" y="21" width="8" height="1.6" fill="#4a5160"/>
</svg>
`;
}

function shareSvg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#16181d"/>
<rect y="600" width="1200" height="30" fill="${ACCENT}"/>
<g transform="translate(450 165) scale(9.375)">${markSvg(32).replace(/<\/?svg[^>]*>/g, "")}</g>
</svg>
`;
}

/** A .ico holding one PNG image (supported by every browser since the PNG-in-ICO change of 2008). */
function icoFromPng(png, size) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8);
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

const png = (svg, size) => sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

writeFileSync(path.join(PUBLIC, "icon.svg"), markSvg(32));
writeFileSync(path.join(PUBLIC, "logo.svg"), markSvg(512));
writeFileSync(path.join(PUBLIC, "favicon.ico"), icoFromPng(await png(markSvg(32), 32), 32));
writeFileSync(path.join(PUBLIC, "apple-touch-icon.png"), await png(markSvg(180), 180));
writeFileSync(path.join(PUBLIC, "logo.png"), await png(markSvg(512), 512));
writeFileSync(path.join(PUBLIC, "share-default.png"), await sharp(Buffer.from(shareSvg())).png({ compressionLevel: 9 }).toBuffer());
console.log("Wrote public/: icon.svg, logo.svg, favicon.ico, apple-touch-icon.png, logo.png, share-default.png");
