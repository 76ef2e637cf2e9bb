import { devices, expect, type APIRequestContext, type Response } from "@playwright/test";
import { makeSamplePhoto } from "../lib/media/test-images";
import { test } from "./support/fixtures";
import { publishStory } from "./support/hooks";

/**
 * A photo from upload to a reader's phone: the sample test image (3000 x 2000, camera-style JPEG)
 * uploaded through POST /api/media, private while no live story uses it, then the featured image
 * of a published story read on a 390 px phone at 3x, where the largest image the article page
 * downloads must be at most 60 KB.
 */
const PHONE = devices["iPhone 13"];

type Uploaded = { id: string; url: string; variants: Array<{ width: number; url: string }> };

async function uploadSamplePhoto(request: APIRequestContext, origin: string): Promise<Uploaded> {
  const response = await request.post("/api/media", {
    headers: { origin },
    multipart: {
      file: { name: "street.jpg", mimeType: "image/jpeg", buffer: await makeSamplePhoto() },
      alt: "A street of shops and flats at dusk",
      caption: "The old market street",
      credit: "Photo: Dateline",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Uploaded;
}

test("a draft's photo is private; published, a 390 px phone downloads at most 60 KB of it", async ({ adminPage, browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const photo = await uploadSamplePhoto(adminPage.request, origin);
  const jpeg = photo.url.replace(/\.webp$/, ".jpg");

  // Staff see it in the desk; nobody else can fetch any of its renditions yet.
  const staffView = await adminPage.request.get(photo.url);
  expect(staffView.status()).toBe(200);
  expect(staffView.headers()["cache-control"]).toBe("private, no-store");
  const reader = await browser.newContext({ ...PHONE, baseURL });
  try {
    for (const url of [photo.url, jpeg, ...photo.variants.map((v) => v.url)]) expect((await reader.request.get(url)).status(), url).toBe(404);

    const story = await publishStory(adminPage.request, {
      headline: `Market street reopens ${Date.now().toString(36)}`,
      sectionPath: "media-center",
      body: "Shops reopened on Tuesday.",
      featuredMediaId: photo.id,
    });

    const page = await reader.newPage();
    const images: Response[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/media/")) images.push(response);
    });
    await page.goto(story.path);
    const featured = page.getByRole("img", { name: "A street of shops and flats at dusk" });
    await expect(featured).toBeVisible();
    await expect.poll(() => featured.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // The phone took the 1200 px AVIF (390 CSS px x 3), and nothing larger.
    expect(await featured.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/-w1200\.avif$/);
    const sizes = await Promise.all(images.map(async (response) => ({ url: response.url(), bytes: (await response.body()).byteLength, response })));
    expect(sizes.length).toBeGreaterThan(0);
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`Largest image on a 390 px phone: ${largest.url.split("/").pop()} ${(largest.bytes / 1024).toFixed(1)} KB`);
    expect(largest.bytes).toBeLessThanOrEqual(60 * 1024);
    for (const { response } of sizes) {
      expect(response.status()).toBe(200);
      expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
    // Now public: every rendition, to anyone.
    for (const url of [jpeg, ...photo.variants.map((v) => v.url)]) expect((await reader.request.get(url)).status(), url).toBe(200);
  } finally {
    await reader.close();
  }
});
