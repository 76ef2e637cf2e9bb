import { describe, expect, it } from "vitest";
import { isCurrentVersion, parseReviewedVersion, reviewedVersionToken } from "./reviewed-version";
import { reviewedVersionSchema } from "./schemas";

describe("reviewed-version token", () => {
  it("round-trips a version", () => {
    expect(reviewedVersionToken(3)).toBe("v3");
    expect(parseReviewedVersion(reviewedVersionToken(3))).toEqual({ kind: "version", version: 3 });
    expect(parseReviewedVersion("v2147483647")).toEqual({ kind: "version", version: 2147483647 });
  });

  it("refuses anything that is not a positive version token", () => {
    for (const token of ["", "3", "v0", "v-1", "v01", "v1.5", "V3", "v3 ", " v3", "v99999999999", "v2147483648", "snapshot:abc", "v3\u0000"]) {
      expect(parseReviewedVersion(token), token).toBeNull();
      expect(reviewedVersionSchema.safeParse(token).success, token).toBe(false);
    }
  });

  it("the form schema hands the parsed version to the command, with a sentence when it cannot", () => {
    expect(reviewedVersionSchema.parse("v12")).toEqual({ kind: "version", version: 12 });
    const refused = reviewedVersionSchema.safeParse("v0");
    expect(refused.success).toBe(false);
    if (!refused.success) expect(refused.error.issues[0]?.message).toMatch(/^The version you reviewed could not be read/);
  });

  it("is current only for exactly the story's version", () => {
    expect(isCurrentVersion({ kind: "version", version: 4 }, { version: 4 })).toBe(true);
    expect(isCurrentVersion({ kind: "version", version: 3 }, { version: 4 })).toBe(false);
    expect(isCurrentVersion({ kind: "version", version: 5 }, { version: 4 })).toBe(false);
  });
});
