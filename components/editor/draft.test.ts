import { describe, expect, it } from "vitest";
import { bodyOf } from "@/lib/testing/story-fixtures";
import { storyDraftSchema } from "@/lib/stories/schemas";
import { emptyFields, sameDraft, stableStringify, toDraftInput, type EditorDraft } from "./draft";

describe("editor drafts", () => {
  it("sends exactly what the server's strict schema accepts", () => {
    const input = toDraftInput({ ...emptyFields("ar", { userId: null, name: "Agencies" }), headline: "عنوان", body: bodyOf("نص") }, { sendSlug: false });
    expect(storyDraftSchema.safeParse(input).success).toBe(true);
    expect(input.slug).toBe("");
  });

  it("cleans characters the database cannot hold instead of letting autosave fail forever", () => {
    const input = toDraftInput({ ...emptyFields("en", null), headline: "Nul\u0000 and \ud800 lone", body: bodyOf("a\u0000b") }, { sendSlug: true });
    expect(input.headline).toBe("Nul and \ufffd lone");
    expect(JSON.stringify(input.body)).not.toContain("\\u0000");
  });

  it("compares bodies regardless of key order and headline whitespace", () => {
    const a = { ...emptyFields("en", null), headline: " Same ", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] } };
    const b = { ...emptyFields("en", null), headline: "Same", body: { content: [{ content: [{ text: "x", type: "text" }], type: "paragraph" }], type: "doc" } };
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...b, body: bodyOf("y") })).toBe(false);
    expect(stableStringify({ b: 1, a: [undefined, { d: 2, c: 3 }] })).toBe('{"a":[null,{"c":3,"d":2}],"b":1}');
  });

  describe("sameDraft: would saving one over the other change anything stored?", () => {
    const server: EditorDraft = {
      ...emptyFields("en", { userId: "5bb5bb5a-a2fc-44d1-bd6b-42d637da4b78", name: "Rita Reporter" }),
      headline: "Council approves the budget",
      standfirst: "A late vote.",
      sourceLine: "(Source: Agencies)",
      slug: "council-approves-the-budget",
      sectionId: "8343bd20-e226-40c1-a001-ec84a6305b91",
      tags: ["Aleppo", "Budget"],
      body: bodyOf("The council voted on Tuesday. "),
    };

    it("is true for a draft that differs only in form from what the server stored", () => {
      const sameInForm: EditorDraft = {
        ...server,
        headline: "Council approves the budget ",
        standfirst: " A late vote.",
        sourceLine: "(Source: Agencies)  ",
        // The server keeps one tag per slug, under the name it saw first, sorted by name.
        tags: ["budget", "Aleppo", "aleppo"],
        bylines: [...server.bylines, { userId: null, name: "  " }],
        // jsonb hands keys back in its own order.
        body: { content: [{ content: [{ text: "The council voted on Tuesday. ", type: "text" }], type: "paragraph" }], type: "doc" },
      };
      expect(sameDraft(sameInForm, server)).toBe(true);
      // The draft is whole: comparing it must not trip over its body (it used to, every time).
      expect(sameDraft(server, { ...server })).toBe(true);
    });

    it("is false when any saved field or the text differs", () => {
      expect(sameDraft({ ...server, body: bodyOf("The council voted on Wednesday. ") }, server)).toBe(false);
      expect(sameDraft({ ...server, sectionId: null }, server)).toBe(false);
      expect(sameDraft({ ...server, tags: ["Aleppo"] }, server)).toBe(false);
      expect(sameDraft({ ...server, sourceLine: "(Source: Reuters)" }, server)).toBe(false);
      expect(sameDraft({ ...server, seoTitle: "Budget passes" }, server)).toBe(false);
    });
  });
});
