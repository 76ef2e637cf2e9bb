import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { SITE_TAGS } from "./cache-tags";
import { getInternalToken, INTERNAL_TOKEN_HEADER, isInternalToken } from "./internal-token";
import { publicChangesSchema, publicChangeTags, revalidatePublicChanges } from "./revalidate";

const change = {
  storyId: "5b0f6f4e-6a4e-4f5e-9b43-0c0f3f0e2d11",
  sectionIds: ["6c1f6f4e-6a4e-4f5e-9b43-0c0f3f0e2d12", "7d2f6f4e-6a4e-4f5e-9b43-0c0f3f0e2d13"],
  paths: ["/media-center/coalition-news/new-slug", "/media-center/coalition-news/old-slug"],
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("what a public change revalidates", () => {
  it("is the story, each section of its lineage, home, feeds, every touched path and its translations", () => {
    expect(publicChangeTags(change, { translationGroupId: "g1" })).toEqual([
      SITE_TAGS.story(change.storyId),
      SITE_TAGS.section(change.sectionIds[0]!),
      SITE_TAGS.section(change.sectionIds[1]!),
      SITE_TAGS.home,
      SITE_TAGS.feeds,
      SITE_TAGS.path(change.paths[0]!),
      SITE_TAGS.path(change.paths[1]!),
      SITE_TAGS.translations("g1"),
    ]);
    expect(publicChangeTags({ ...change, sectionIds: [], paths: [] }, { translationGroupId: null })).toEqual([SITE_TAGS.story(change.storyId), SITE_TAGS.home, SITE_TAGS.feeds]);
  });
});

describe("outside a request (the scheduler's sweep)", () => {
  it("hands the changes to the server's own loopback route, with the per-process secret", async () => {
    vi.stubEnv("PORT", "3555");
    resetEnvForTests();
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetchMock);
    // No Next request scope here: revalidateTag throws, so the work goes over loopback.
    await revalidatePublicChanges([change]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://127.0.0.1:3555/api/internal/revalidate");
    expect(init.method).toBe("POST");
    const headers = init.headers as Record<string, string>;
    expect(isInternalToken(headers[INTERNAL_TOKEN_HEADER]!)).toBe(true);
    expect(publicChangesSchema.parse(JSON.parse(init.body as string))).toEqual({ changes: [change], settling: false, fromPeer: false });
  });

  it("reports a refused loopback call instead of pretending the site is fresh", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("nope", { status: 500 })));
    await expect(revalidatePublicChanges([change])).rejects.toThrow(/could not be refreshed/);
  });
});

describe("the internal secret", () => {
  it("matches only itself", () => {
    const token = getInternalToken();
    expect(isInternalToken(token)).toBe(true);
    expect(isInternalToken(`${token}x`)).toBe(false);
    expect(isInternalToken("")).toBe(false);
    expect(isInternalToken(null)).toBe(false);
  });

  it("the route's input schema refuses anything but a list of changes", () => {
    expect(publicChangesSchema.safeParse({ changes: [] }).success).toBe(false);
    expect(publicChangesSchema.safeParse({ changes: [{ ...change, extra: 1 }] }).success).toBe(false);
    expect(publicChangesSchema.safeParse({ changes: [{ ...change, paths: ["no-slash"] }] }).success).toBe(false);
  });
});
