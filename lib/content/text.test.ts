import { describe, expect, it } from "vitest";

import { countWords, docToPlainText, emptyDoc, plainTextToDoc, readingMinutes } from "./text";
import { docOf, figureNode, fullStoryDoc, paragraph, textNode } from "./test-fixtures";
import { validateStoryBody } from "./validate";

describe("countWords", () => {
  it("counts English words", () => {
    expect(countWords("The quick brown fox jumps over the lazy dog.")).toBe(9);
    expect(countWords("Don't stop: well-known, 2024 figures!")).toBe(5);
  });

  it("counts Arabic words", () => {
    // "The student went to school in the morning" — five words.
    expect(countWords("ذهب الطالب إلى المدرسة صباحاً")).toBe(5);
    // Arabic comma and question mark attached to words do not add words.
    expect(countWords("قال الوزير، هل انتهى الاجتماع؟")).toBe(5);
    // Tatweel and diacritics stay inside the word.
    expect(countWords("مـــرحبا بِكُم")).toBe(2);
  });

  it("counts mixed Arabic and Latin text", () => {
    expect(countWords("أعلنت شركة Apple عن iPhone جديد")).toBe(6);
  });

  it("splits on every kind of Unicode whitespace", () => {
    const separators = [" ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u2009", "\u3000", "\u2028", "\u200B", "\u202F"];
    expect(countWords(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
      .map((word, i) => word + (separators[i] ?? ""))
      .join(""))).toBe(12);
  });

  it("does not count punctuation-only tokens or empty text", () => {
    expect(countWords("Yes — no … ok")).toBe(3);
    expect(countWords("")).toBe(0);
    expect(countWords("   \n\t ")).toBe(0);
    expect(countWords("- * — ،")).toBe(0);
  });
});

describe("readingMinutes", () => {
  it("reads 200 words a minute, rounded up, at least one minute", () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(200)).toBe(1);
    expect(readingMinutes(201)).toBe(2);
    expect(readingMinutes(1000)).toBe(5);
    expect(readingMinutes(Number.NaN)).toBe(1);
    expect(readingMinutes(-5)).toBe(1);
  });
});

describe("docToPlainText", () => {
  it("separates blocks with a blank line and keeps hard breaks as line breaks", () => {
    const doc = docOf(
      { type: "heading", attrs: { level: 2 }, content: [textNode("Title")] },
      paragraph(textNode("Line one"), { type: "hardBreak" }, textNode("line "), textNode("two", [{ type: "bold" }])),
      { type: "bulletList", content: [
        { type: "listItem", content: [paragraph(textNode("Item A"))] },
        { type: "listItem", content: [paragraph(textNode("Item B"))] },
      ] },
      { type: "blockquote", content: [paragraph(textNode("Quoted"))] },
      { type: "horizontalRule" },
      figureNode({ src: "/a.jpg", alt: "not read", caption: "A caption", credit: "Not read either" }),
      paragraph(),
      { type: "pullQuote", content: [textNode("Pulled")] },
    );
    expect(docToPlainText(doc)).toBe("Title\n\nLine one\nline two\n\nItem A\n\nItem B\n\nQuoted\n\nA caption\n\nPulled");
  });

  it("returns an empty string for an empty document", () => {
    expect(docToPlainText(emptyDoc())).toBe("");
  });

  it("gives the full story a plausible word count", () => {
    const text = docToPlainText(fullStoryDoc);
    expect(text.startsWith("Council approves budget\n\nThe council voted 7 to 2 on Tuesday")).toBe(true);
    expect(countWords(text)).toBe(65);
  });

  it("keeps table cells apart and reads the caption first", () => {
    const text = docToPlainText(fullStoryDoc);
    expect(text).toContain("Votes by ward\n\nWard\n\nVotes\n\nNorth\n\n1,204\n\nTotal: 2,410");
    expect(text).not.toContain("WardVotes");
  });
});

describe("plainTextToDoc", () => {
  it("splits paragraphs on blank lines and unwraps hard-wrapped lines", () => {
    const doc = plainTextToDoc("First paragraph\nwrapped here.\n\n\n  Second  one.\r\n \r\nThird\tone.\n");
    expect(doc).toEqual(
      docOf(
        paragraph(textNode("First paragraph wrapped here.")),
        paragraph(textNode("Second one.")),
        paragraph(textNode("Third one.")),
      ),
    );
  });

  it("returns the empty document for blank input", () => {
    expect(plainTextToDoc("")).toEqual(emptyDoc());
    expect(plainTextToDoc(" \n\n \t ")).toEqual(emptyDoc());
  });

  it("treats markup in imported text as text, and produces a body the validator accepts", () => {
    const doc = plainTextToDoc('<script>alert(1)</script>\n\n<a href="javascript:alert(1)">x</a>\u0000\u0007');
    const result = validateStoryBody(doc);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.text).toBe('<script>alert(1)</script>\n\n<a href="javascript:alert(1)">x</a>');
    }
  });

  it("round-trips with docToPlainText for plain paragraphs", () => {
    const text = "مرحبا بكم في النشرة.\n\nSecond paragraph here.";
    expect(docToPlainText(plainTextToDoc(text))).toBe(text);
  });
});
