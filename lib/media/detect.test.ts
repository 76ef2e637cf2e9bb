import { describe, expect, it } from "vitest";
import { detectImageType, MARKUP_SCAN_BYTES } from "./detect";
import { HTML_PAGE, makeAvif, makeGif, makeGifHtmlPolyglot, makeJpeg, makePng, makeWebp, SVG_IMAGE } from "./test-images";

const ACCEPTED_LIST = "Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.";

function refusedWith(bytes: Uint8Array) {
  const result = detectImageType(bytes);
  if (result.ok) throw new Error(`expected a refusal, got ${result.kind}`);
  return result;
}

describe("detectImageType", () => {
  it.each([
    ["jpeg", makeJpeg, "image/jpeg"],
    ["png", makePng, "image/png"],
    ["webp", makeWebp, "image/webp"],
    ["avif", makeAvif, "image/avif"],
    ["gif", makeGif, "image/gif"],
  ] as const)("recognises %s by its bytes", async (kind, make, mimeType) => {
    expect(detectImageType(await make())).toEqual({ ok: true, kind, mimeType });
  });

  it("walks progressive and optimised JPEGs (many scans) to their real end", async () => {
    const sharp = (await import("sharp")).default;
    const base = sharp({ create: { width: 300, height: 200, channels: 3, background: "#3a6" } });
    for (const options of [{ progressive: true }, { mozjpeg: true }, { optimiseScans: true, progressive: true }]) {
      const jpeg = await base.clone().jpeg(options).toBuffer();
      expect(detectImageType(jpeg)).toMatchObject({ ok: true, kind: "jpeg" });
      expect(refusedWith(Buffer.concat([jpeg, Buffer.from("tail")])).code).toBe("trailing_data");
    }
  });

  it("refuses an empty file", () => {
    expect(refusedWith(new Uint8Array(0))).toMatchObject({ code: "empty", message: "The file is empty." });
  });

  it("refuses SVG, saying why", () => {
    const refusal = refusedWith(SVG_IMAGE);
    expect(refusal.code).toBe("unsupported");
    expect(refusal.message).toContain("SVG images cannot be uploaded because they can carry scripts.");
    expect(refusal.message).toContain(ACCEPTED_LIST);
    expect(refusedWith(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"></svg>')).message).toContain("SVG");
  });

  it("refuses an HTML page whatever it is called", () => {
    const refusal = refusedWith(HTML_PAGE);
    expect(refusal.code).toBe("unsupported");
    expect(refusal.message).toContain("web page");
    expect(refusal.message).toContain(ACCEPTED_LIST);
  });

  it("refuses PDF, HEIC, TIFF, BMP and random bytes", () => {
    expect(refusedWith(Buffer.from("%PDF-1.7\n1 0 obj\n")).message).toContain("PDF files cannot be uploaded");
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1")]);
    expect(refusedWith(heic).message).toContain("HEIC photos cannot be uploaded");
    expect(refusedWith(Buffer.from("II*\0\x08\0\0\0", "latin1")).message).toBe(ACCEPTED_LIST);
    expect(refusedWith(Buffer.from("BM\x3a\0\0\0", "latin1")).message).toBe(ACCEPTED_LIST);
    expect(refusedWith(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])).message).toBe(ACCEPTED_LIST);
  });

  it("refuses a GIF carrying an HTML page (GIF/HTML polyglot)", async () => {
    const polyglot = await makeGifHtmlPolyglot();
    expect(polyglot.subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect(refusedWith(polyglot)).toMatchObject({ code: "markup" });
    expect(refusedWith(polyglot).message).toContain("web page or script code");
  });

  it("finds markup in either case, and at the end of a large file", async () => {
    const jpeg = await makeJpeg();
    const comment = (text: string) => {
      const body = Buffer.from(text, "latin1");
      const header = Buffer.from([0xff, 0xfe, 0, 0]);
      header.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([header, body]);
    };
    for (const payload of ["<SCRIPT>x</SCRIPT>", "<Svg onload=x>", "<?PHP system($_GET[1]); ?>", "<!DocType HTML>", "<iframe src=x>"]) {
      // A JPEG comment segment right after SOI: structurally valid, so only the scan can catch it.
      const file = Buffer.concat([jpeg.subarray(0, 2), comment(payload), jpeg.subarray(2)]);
      expect(refusedWith(file).code).toBe("markup");
    }
    // Padding pushes the payload past the first 64 KB; it sits in the last 64 KB.
    const padding = comment("x".repeat(60_000));
    const late = Buffer.concat([jpeg.subarray(0, 2), padding, padding, padding, comment("<html>"), jpeg.subarray(2)]);
    expect(late.length).toBeGreaterThan(2 * MARKUP_SCAN_BYTES);
    expect(refusedWith(late).code).toBe("markup");
  });

  it("does not mistake ordinary words or XMP for markup", async () => {
    const jpeg = await makeJpeg();
    const text = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>svg html script</rdf:RDF></x:xmpmeta> <svgfoo', "latin1");
    const header = Buffer.from([0xff, 0xfe, 0, 0]);
    header.writeUInt16BE(text.length + 2, 2);
    expect(detectImageType(Buffer.concat([jpeg.subarray(0, 2), header, text, jpeg.subarray(2)])).ok).toBe(true);
  });

  it("refuses a JPEG with an HTML page appended after its end", async () => {
    const jpeg = await makeJpeg();
    const refusal = refusedWith(Buffer.concat([jpeg, Buffer.from("<!-- --><b>not an image</b>".repeat(3), "latin1")]));
    expect(refusal.code).toBe("trailing_data");
    expect(refusal.message).toContain("extra data after its end");
    // With a script tag, the markup scan catches it first: refused either way.
    expect(refusedWith(Buffer.concat([jpeg, HTML_PAGE])).ok).toBe(false);
  });

  it("refuses a JPEG with a ZIP archive appended", async () => {
    const jpeg = await makeJpeg();
    const zipEnd = Buffer.alloc(22);
    zipEnd.write("PK\x05\x06", 0, "latin1");
    const zip = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(40), zipEnd]);
    expect(refusedWith(Buffer.concat([jpeg, zip])).code).toBe("polyglot");
  });

  it("refuses a PNG with data after IEND, and a WebP or AVIF with bytes after the container", async () => {
    expect(refusedWith(Buffer.concat([await makePng(), Buffer.from("trailing")])).code).toBe("trailing_data");
    expect(refusedWith(Buffer.concat([await makeWebp(), Buffer.from("trailing")])).code).toBe("trailing_data");
    expect(refusedWith(Buffer.concat([await makeGif(), Buffer.from("trailing")])).code).toBe("trailing_data");
    expect(refusedWith(Buffer.concat([await makeAvif(), Buffer.from("trailing")])).ok).toBe(false);
  });

  it("refuses a PDF hiding behind image magic bytes", async () => {
    const png = await makePng();
    const pdfChunk = Buffer.from("\0\0\0\x10teXt%PDF-1.4 obj   \0\0\0\0", "latin1");
    const file = Buffer.concat([png.subarray(0, 33), pdfChunk, png.subarray(33)]);
    expect(refusedWith(file).code).toBe("polyglot");
  });

  it("accepts JPEGs with extra images after the main one (Ultra HDR gain maps, MPF) and zero padding", async () => {
    const main = await makeJpeg({ width: 200, height: 100 });
    const gainMap = await makeJpeg({ width: 50, height: 25 });
    expect(detectImageType(Buffer.concat([main, gainMap])).ok).toBe(true);
    expect(detectImageType(Buffer.concat([main, Buffer.alloc(64)])).ok).toBe(true);
    expect(refusedWith(Buffer.concat([main, gainMap, Buffer.from("junk")])).code).toBe("trailing_data");
  });

  it("refuses damaged containers", async () => {
    const jpeg = await makeJpeg();
    expect(refusedWith(jpeg.subarray(0, 200)).code).toBe("damaged");
    const png = await makePng();
    expect(refusedWith(png.subarray(0, png.length - 20)).code).toBe("damaged");
    const webp = await makeWebp();
    expect(refusedWith(webp.subarray(0, webp.length - 10)).code).toBe("damaged");
  });

  it("looks only at bytes: an image is an image whatever the upload claims", async () => {
    // detectImageType takes no name or type at all; this guards that it stays that way.
    expect(detectImageType.length).toBe(1);
  });
});
