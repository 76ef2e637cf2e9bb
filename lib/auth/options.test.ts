import { describe, expect, it } from "vitest";
import { TEST_SECRET } from "@/lib/testing/accounts";

process.env.NEXTAUTH_SECRET ??= TEST_SECRET;
const { getAuthOptions } = await import("./options");

const BASE = "http://localhost:3100";

describe("next-auth's redirect after the credentials sign-in", () => {
  const redirect = (url: string) => getAuthOptions().callbacks!.redirect!({ url, baseUrl: BASE }) as string;

  // The server-side sign-in (POST /api/auth/callback/credentials) answers 302 to whatever this returns.
  it.each(["/.//127.0.0.1:3105/phish", `${BASE}/.//127.0.0.1:3105/phish`, "/x/..//evil.com", "/%2e//evil.com", "/./\\evil.com", "//evil.com", "https://evil.com/desk"])(
    "keeps %j on this site, at the desk",
    (url) => {
      expect(redirect(url)).toBe(`${BASE}/desk`);
    },
  );

  it("follows a same-origin path", () => {
    expect(redirect("/desk/people?x=1")).toBe(`${BASE}/desk/people?x=1`);
  });
});
