import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sendTagPurges, tagBatches } from "./shared-cache-purge";

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A real purge endpoint that fails its first `failures` requests with 503. */
async function purgeEndpoint(failures = 0) {
  const received: { method: string; keys: string; at: number; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    received.push({ method: req.method!, keys: String(req.headers["surrogate-key"] ?? ""), at: Date.now(), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.statusCode = received.length <= failures ? 503 : 200;
    res.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received };
}

describe("tag purges to shared caches", () => {
  it("sends PURGE with the tags in Surrogate-Key to every URL", async () => {
    const a = await purgeEndpoint();
    const b = await purgeEndpoint();
    const log: string[] = [];
    await sendTagPurges(["story:1", "site:home", "story:1"], { urls: [a.url, b.url], log: (l) => log.push(l) });
    for (const endpoint of [a, b]) expect(endpoint.received).toEqual([{ method: "PURGE", keys: "story:1 site:home", at: expect.any(Number) }]);
    expect(log).toEqual([]);
  });

  it("retries with growing pauses until the cache answers", async () => {
    const endpoint = await purgeEndpoint(2);
    const log: string[] = [];
    await sendTagPurges(["site:home"], { urls: [endpoint.url], backoffMs: [50, 150, 400], log: (l) => log.push(l) });
    expect(endpoint.received).toHaveLength(3);
    const gaps = endpoint.received.slice(1).map((r, i) => r.at - endpoint.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(145);
    expect(log).toEqual([]);
  });

  it("logs, without credentials, when a cache never answers, and does not throw", async () => {
    const endpoint = await purgeEndpoint();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const log: string[] = [];
    const down = endpoint.url.replace("http://", "http://purger:secret@");
    await expect(sendTagPurges(["site:home"], { urls: [down], backoffMs: [10, 10], log: (l) => log.push(l) })).resolves.toBeUndefined();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/failed after 3 attempts/);
    expect(log[0]).not.toContain("secret");
  });

  it("sends a purge URL's user and password as Basic authorization", async () => {
    const endpoint = await purgeEndpoint();
    await sendTagPurges(["site:home"], { urls: [endpoint.url.replace("http://", "http://purger:s%40cret@")], log: () => {} });
    expect(endpoint.received[0]!.authorization).toBe(`Basic ${Buffer.from("purger:s@cret").toString("base64")}`);
  });

  it("splits many tags into header-sized batches", () => {
    const tags = Array.from({ length: 300 }, (_, i) => `path:/section/story-number-${i}`);
    const batches = tagBatches(tags, 1000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.length <= 1000)).toBe(true);
    expect(batches.join(" ").split(" ")).toEqual(tags);
  });
});
