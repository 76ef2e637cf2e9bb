import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS, DUMMY_HASH, hashPassword, verifyPassword } from "./password";

const PARAMS = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;

describe("password hashing", () => {
  it("uses argon2id with at least 19 MiB of memory and 2 iterations", async () => {
    const stored = await hashPassword("a perfectly fine password");
    const [, m, t, p] = PARAMS.exec(stored) ?? [];
    expect(Number(m)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(Number(p)).toBe(ARGON2_OPTIONS.parallelism);
  });

  it("verifies the right password and refuses others, including against a garbage hash", async () => {
    const stored = await hashPassword("the right one, at length");
    expect(await verifyPassword(stored, "the right one, at length")).toBe(true);
    expect(await verifyPassword(stored, "the wrong one")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("has a dummy hash made with today's parameters, so an unknown email costs what a wrong password does", async () => {
    const real = PARAMS.exec(await hashPassword("x".repeat(12)))?.slice(1);
    expect(PARAMS.exec(DUMMY_HASH)?.slice(1)).toEqual(real);
    expect(await verifyPassword(null, "anything at all")).toBe(false);
  });
});
