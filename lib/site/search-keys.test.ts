import { describe, expect, it } from "vitest";
import { dayKey, keyQueryText, monthKey, parseTsquery, periodKeys, phraseKeys } from "./search-keys";

describe("phraseKeys", () => {
  it("turns a phrase into the word pairs a story must have", () => {
    expect(phraseKeys(["'secur' <-> 'council'", "'security' <-> 'council'"])).toEqual([["secur~1~council"], ["security~1~council"]]);
    // Three words: both pairs, each with its own distance; a stop word left a gap of two.
    expect(phraseKeys(["'said' <2> 'minist' <-> 'today'"])).toEqual([["said~2~minist", "minist~1~today"]]);
  });

  it("keeps the other words' conditions out: only phrases give keys", () => {
    expect(phraseKeys(["'aleppo'", "'aleppo'"])).toBeNull();
    expect(phraseKeys(["'water' & !'electr'"])).toBeNull();
    expect(phraseKeys(["'secur' <-> 'council' & 'aleppo'"])).toEqual([["secur~1~council"]]);
  });

  it("gives no condition when any alternative could match without a pair", () => {
    // "security council" or aleppo: a story with only "aleppo" matches, so pairs cannot be required.
    expect(phraseKeys(["'secur' <-> 'council' | 'aleppo'"])).toBeNull();
    expect(phraseKeys(["'secur' <-> 'council' | 'peac' <-> 'talk'"])).toEqual([["secur~1~council"], ["peac~1~talk"]]);
  });

  it("leaves out what pairs cannot express: prefixes, far words, negated phrases", () => {
    expect(phraseKeys(["'secur':* <-> 'council'"])).toBeNull();
    expect(phraseKeys(["'a' <4> 'b'"])).toBeNull();
    expect(phraseKeys(["!( 'secur' <-> 'council' )"])).toBeNull();
    expect(phraseKeys(["'x~1~y' <-> 'z'"])).toBeNull();
  });

  it("reads quoting and weights the way PostgreSQL prints them, and refuses anything else", () => {
    expect(parseTsquery("'o''brien' <-> 'said':AB")).toEqual({
      kind: "phrase",
      distance: 1,
      left: { kind: "word", lexeme: "o'brien", prefix: false },
      right: { kind: "word", lexeme: "said", prefix: false },
    });
    for (const bad of ["'unterminated", "a & b", "'a' &", "( 'a'", "'a' <x> 'b'"]) expect(parseTsquery(bad)).toBeNull();
    // Unreadable input means no condition, never a wrong one.
    expect(phraseKeys(["'a' <-> 'b'", "garbage"])).toBeNull();
    // An empty query (only stop words) matches nothing and adds nothing.
    expect(phraseKeys(["", "'secur' <-> 'council'"])).toEqual([["secur~1~council"]]);
  });
});

describe("period keys", () => {
  it("names days and months in UTC the way the database writes them", () => {
    expect(dayKey(new Date("2026-12-02T23:30:00Z"))).toBe("~d20261202");
    expect(monthKey(new Date("2026-12-02T23:30:00Z"))).toBe("~m202612");
  });

  it("covers a window with days at its ends and whole months between", () => {
    expect(periodKeys(new Date("2026-10-30T08:00:00Z"), new Date("2026-12-02T10:00:00Z"))).toEqual([
      "~d20261030",
      "~d20261031",
      "~m202611",
      "~d20261201",
      "~d20261202",
    ]);
    expect(periodKeys(new Date("2026-12-02T08:00:00Z"), new Date("2026-12-02T09:00:00Z"))).toEqual(["~d20261202"]);
  });

  it("writes a tsquery literal with every key quoted", () => {
    expect(keyQueryText([["a~1~b", "o'x~2~c"], ["~d20261202"]])).toBe("('a~1~b' & 'o''x~2~c') | ('~d20261202')");
  });
});
