import { expect, test } from "./support/fixtures";
import { BASE_URL } from "./support/accounts";
import { expectSaved, openNewStory } from "./support/editor-session";

function scriptSrc(csp: string | undefined): string {
  return (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
}

test("every page carries a CSP without unsafe-inline scripts, and the desk cannot be framed", async ({ editorPage, page }) => {
  for (const [who, path] of [
    [page, "/"],
    [page, "/media-center/coalition-news/head-of-aleppo-provincial-council-french-fm-calling-to-save-aleppo"],
    [page, "/login"],
    [editorPage, "/desk"],
    [editorPage, "/desk/stories/new"],
  ] as const) {
    const response = await who.goto(path);
    const headers = response!.headers();
    const src = scriptSrc(headers["content-security-policy"]);
    expect(src, path).toMatch(/^script-src 'self'/);
    expect(src, path).not.toContain("unsafe-inline");
    // Story images come from our own /media/ (or an admin's allow-list, unset here): no third party.
    const imgSrc = (headers["content-security-policy"] ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("img-src "));
    expect(imgSrc, path).toBe("img-src 'self' data: blob:");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], path).toBeUndefined();
    if (path.startsWith("/desk") || path === "/login") {
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  }
});

test("the editor runs under the policy: no script is refused", async ({ reporterPage: page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  await openNewStory(page);
  const body = page.getByRole("textbox", { name: "Story body" });
  await body.click();
  await body.pressSequentially("Typed under a strict policy.");
  await expect(body).toContainText("Typed under a strict policy.");
  // The shared document's socket is allowed too: the text reached the server.
  await expectSaved(page);
  await page.getByRole("link", { name: "Desk" }).click();
  await expect(page).toHaveURL(/\/desk/);
  expect(violations).toEqual([]);
});

test("uploaded images are served with their real type and nosniff", async ({ reporterPage: page }) => {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const upload = await page.request.post("/api/media", {
    headers: { origin: BASE_URL },
    multipart: { file: { name: "pixel.jpg", mimeType: "image/jpeg", buffer: png } },
  });
  expect(upload.status()).toBe(201);
  const { url } = (await upload.json()) as { url: string };
  const image = await page.request.get(url);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
});
