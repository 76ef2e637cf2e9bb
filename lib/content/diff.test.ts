import { describe, expect, it } from "vitest";

import { compareTexts, diffWords, PARAGRAPH_VIEW_MAX_CHARS, WORD_DIFF_MAX_CHARS, type DiffPart } from "./diff";

function rebuild(parts: DiffPart[]): { a: string; b: string } {
  return {
    a: parts.filter((p) => p.kind !== "added").map((p) => p.text).join(""),
    b: parts.filter((p) => p.kind !== "removed").map((p) => p.text).join(""),
  };
}

function expectWellFormed(a: string, b: string, parts: DiffPart[]): void {
  expect(rebuild(parts)).toEqual({ a, b });
  for (const part of parts) expect(part.text.length).toBeGreaterThan(0);
  for (let i = 1; i < parts.length; i++) expect(parts[i].kind).not.toBe(parts[i - 1].kind);
}

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  "the", "council", "voted", "budget", "mayor", "said", "on", "Tuesday", "city", "a", "of", ",", ".",
  "قال", "الوزير", "المدينة", "اليوم", "don't", "well-known", "2024", "—", "\u00A0",
];
const SEPARATORS = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t"];

function randomText(next: () => number, words: number): string {
  let text = next() < 0.2 ? " " : "";
  for (let i = 0; i < words; i++) {
    text += VOCABULARY[Math.floor(next() * VOCABULARY.length)];
    text += SEPARATORS[Math.floor(next() * SEPARATORS.length)];
  }
  return next() < 0.5 ? text.trimEnd() : text;
}

function mutate(next: () => number, text: string, edits: number): string {
  const words = text.split(/(\s+)/);
  for (let i = 0; i < edits && words.length > 0; i++) {
    const at = Math.floor(next() * words.length);
    const roll = next();
    if (roll < 0.33) words.splice(at, 1);
    else if (roll < 0.66) words.splice(at, 0, VOCABULARY[Math.floor(next() * VOCABULARY.length)], " ");
    else words[at] = VOCABULARY[Math.floor(next() * VOCABULARY.length)];
  }
  return words.join("");
}

describe("diffWords", () => {
  it("reports a one-word change as exactly that word", () => {
    expect(diffWords("The quick brown fox jumps", "The quick red fox jumps")).toEqual([
      { kind: "same", text: "The quick " },
      { kind: "removed", text: "brown" },
      { kind: "added", text: "red" },
      { kind: "same", text: " fox jumps" },
    ]);
  });

  it("reports insertions and deletions", () => {
    expect(diffWords("a b c", "a b x c")).toEqual([
      { kind: "same", text: "a b " },
      { kind: "added", text: "x " },
      { kind: "same", text: "c" },
    ]);
    expect(diffWords("a b x c", "a b c")).toEqual([
      { kind: "same", text: "a b " },
      { kind: "removed", text: "x " },
      { kind: "same", text: "c" },
    ]);
  });

  it("groups a rewritten phrase instead of interleaving it with shared spaces", () => {
    expect(diffWords("Officials said the vote was close.", "Officials said nobody expected anything.")).toEqual([
      { kind: "same", text: "Officials said " },
      { kind: "removed", text: "the vote was close" },
      { kind: "added", text: "nobody expected anything" },
      { kind: "same", text: "." },
    ]);
  });

  it("keeps paragraph breaks visible between changed paragraphs", () => {
    const parts = diffWords("alpha\n\nbeta", "gamma\n\ndelta");
    expect(parts).toContainEqual({ kind: "same", text: "\n\n" });
  });

  it("separates punctuation from words", () => {
    expect(diffWords("He said no.", "He said no!")).toEqual([
      { kind: "same", text: "He said no" },
      { kind: "removed", text: "." },
      { kind: "added", text: "!" },
    ]);
  });

  it("handles empty and identical inputs", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("", "new text")).toEqual([{ kind: "added", text: "new text" }]);
    expect(diffWords("old text", "")).toEqual([{ kind: "removed", text: "old text" }]);
    expect(diffWords("same text", "same text")).toEqual([{ kind: "same", text: "same text" }]);
  });

  it("diffs Arabic text by words", () => {
    expect(diffWords("قال الوزير اليوم", "قال الرئيس اليوم")).toEqual([
      { kind: "same", text: "قال " },
      { kind: "removed", text: "الوزير" },
      { kind: "added", text: "الرئيس" },
      { kind: "same", text: " اليوم" },
    ]);
  });

  it("keeps astral characters (emoji) intact", () => {
    const parts = diffWords("good 👍 news", "good 👎 news");
    expectWellFormed("good 👍 news", "good 👎 news", parts);
    expect(parts).toContainEqual({ kind: "removed", text: "👍" });
  });

  it("property: the parts always rebuild both texts (500 random pairs)", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = randomSource(seed);
      const a = randomText(next, Math.floor(next() * 60));
      const b = next() < 0.7 ? mutate(next, a, Math.floor(next() * 10)) : randomText(next, Math.floor(next() * 60));
      const parts = diffWords(a, b);
      try {
        expectWellFormed(a, b, parts);
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`);
      }
    }
  });

  it("property: a small edit yields a small diff", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const next = randomSource(seed * 7919);
      const a = randomText(next, 300);
      const b = mutate(next, a, 3);
      const changed = diffWords(a, b)
        .filter((p) => p.kind !== "same")
        .reduce((sum, p) => sum + p.text.length, 0);
      // Three word-level edits touch a few tokens; an O(ND) diff must not report the whole text.
      expect(changed, `seed ${seed}`).toBeLessThan(120);
    }
  });

  it("diffs two 20,000-word texts with scattered edits well under a second", () => {
    const next = randomSource(42);
    const a = randomText(next, 20_000);
    const b = mutate(next, a, 400);
    const started = performance.now();
    const parts = diffWords(a, b);
    const elapsed = performance.now() - started;
    expectWellFormed(a, b, parts);
    expect(elapsed).toBeLessThan(1000);
  });

  it("diffs two unrelated 20,000-word texts well under a second", () => {
    const next = randomSource(7);
    const a = randomText(next, 20_000);
    const b = randomText(next, 20_000);
    const started = performance.now();
    const parts = diffWords(a, b);
    const elapsed = performance.now() - started;
    expectWellFormed(a, b, parts);
    expect(elapsed).toBeLessThan(1000);
  });

  it("still finds unchanged paragraphs in a heavily rewritten long text", () => {
    const next = randomSource(99);
    const paragraphs = Array.from({ length: 200 }, () => randomText(next, 100).replace(/\n/g, " "));
    const rewritten = paragraphs.map((p, i) => (i % 2 === 0 ? randomText(next, 100).replace(/\n/g, " ") : p));
    const a = paragraphs.join("\n\n");
    const b = rewritten.join("\n\n");
    const parts = diffWords(a, b);
    expectWellFormed(a, b, parts);
    const sameText = parts.filter((p) => p.kind === "same").map((p) => p.text).join("");
    // Every untouched (odd) paragraph survives as unchanged text.
    for (let i = 1; i < paragraphs.length; i += 2) expect(sameText).toContain(paragraphs[i]);
  });
});

/** About `bytes` of realistic body text: paragraphs of 50 to 150 words, separated by blank lines. */
function storyBody(next: () => number, bytes: number): string[] {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const paragraph = randomText(next, 50 + Math.floor(next() * 100)).replace(/\s+/g, " ").trim();
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs;
}

/** Longest time the event loop was held while `work` ran, sampled with setImmediate. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; elapsedMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  let running = true;
  const probe = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    if (running) setImmediate(probe);
  };
  setImmediate(probe);
  const started = performance.now();
  const result = await work();
  const elapsedMs = performance.now() - started;
  running = false;
  return { result, stallMs, elapsedMs };
}

describe("bounded work and output for very large revisions", () => {
  const next = randomSource(2026);
  const original = storyBody(next, 2 * 1024 * 1024);
  const a = original.join("\n\n");
  // Every 25th paragraph rewritten, plus a one-word edit in every 10th.
  const b = original.map((p, i) => (i % 25 === 0 ? storyBody(next, 300)[0]! : i % 10 === 0 ? `${p} edited` : p)).join("\n\n");
  const unrelated = storyBody(next, 2 * 1024 * 1024).join("\n\n");

  // The editor's conflict panel runs diffWords in one go; the history uses compareTexts (below).
  it("diffWords on a 2 MB pair finishes in under 500 ms and still rebuilds both texts", () => {
    for (const [before, after] of [[a, b], [a, unrelated]] as const) {
      const started = performance.now();
      const parts = diffWords(before, after);
      const elapsed = performance.now() - started;
      expectWellFormed(before, after, parts);
      expect(elapsed).toBeLessThan(500);
    }
  });

  it("compareTexts shows a 2 MB pair as the plain paragraph view: under 300 ms, bounded output, event loop never held 50 ms", async () => {
    expect(a.length).toBeGreaterThan(WORD_DIFF_MAX_CHARS);
    for (const after of [b, unrelated]) {
      const { result, stallMs, elapsedMs } = await longestStall(() => compareTexts(a, after));
      expect(elapsedMs).toBeLessThan(300);
      expect(stallMs).toBeLessThan(50);
      if (result.mode !== "paragraphs") throw new Error(`expected the paragraph view, got ${result.mode}`);
      const shown = result.blocks.reduce((sum, block) => sum + (block.kind === "same" ? 0 : block.text.length), 0);
      expect(shown).toBeLessThanOrEqual(PARAGRAPH_VIEW_MAX_CHARS);
      expect(result.omittedParagraphs).toBeGreaterThan(0);
      expect(result.changedParagraphs).toBeGreaterThan(result.omittedParagraphs);
    }
  });

  it("the paragraph view counts unchanged paragraphs and shows the changed ones whole", async () => {
    const paragraphs = ["Unchanged one.", "Unchanged two.", "The mayor said yes.", "Unchanged three."];
    const long = "x".repeat(WORD_DIFF_MAX_CHARS);
    const before = [...paragraphs, long].join("\n\n");
    const after = [paragraphs[0], paragraphs[1], "The mayor said no.", paragraphs[3], long].join("\n\n");
    const result = await compareTexts(before, after);
    expect(result).toEqual({
      mode: "paragraphs",
      blocks: [
        { kind: "same", paragraphs: 2 },
        { kind: "removed", text: "The mayor said yes.", truncated: false },
        { kind: "added", text: "The mayor said no.", truncated: false },
        { kind: "same", paragraphs: 2 },
      ],
      changedParagraphs: 2,
      omittedParagraphs: 0,
    });
  });

  it("a million one-character lines or one 2 MB line cost no more than ordinary text", async () => {
    const cases: Array<[string, string]> = [
      ["a\n".repeat(1_000_000), "b\n".repeat(1_000_000)],
      ["x ".repeat(1_000_000), "y ".repeat(1_000_000)],
    ];
    for (const [before, after] of cases) {
      const { result, stallMs, elapsedMs } = await longestStall(() => compareTexts(before, after));
      expect(elapsedMs).toBeLessThan(300);
      expect(stallMs).toBeLessThan(50);
      expect(JSON.stringify(result).length).toBeLessThan(4 * PARAGRAPH_VIEW_MAX_CHARS);
      expectWellFormed(before, after, diffWords(before, after));
    }
  });

  it("texts within the limit still get the word view from compareTexts", async () => {
    expect(await compareTexts("The quick brown fox", "The quick red fox")).toEqual({ mode: "words", parts: diffWords("The quick brown fox", "The quick red fox") });
  });
});
