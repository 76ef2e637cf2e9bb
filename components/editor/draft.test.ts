import { describe, expect, it } from "vitest";
import { bodyOf } from "@/lib/testing/story-fixtures";
import { storyDraftSchema } from "@/lib/stories/schemas";
import { emptyFields, sameText, stableStringify, toDraftInput } from "./draft";

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
    const a = { headline: " Same ", standfirst: "", sourceLine: "", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] } };
    const b = { headline: "Same", standfirst: "", sourceLine: "", body: { content: [{ content: [{ text: "x", type: "text" }], type: "paragraph" }], type: "doc" } };
    expect(sameText(a, b)).toBe(true);
    expect(sameText(a, { ...b, body: bodyOf("y") })).toBe(false);
    expect(stableStringify({ b: 1, a: [undefined, { d: 2, c: 3 }] })).toBe('{"a":[null,{"c":3,"d":2}],"b":1}');
  });
});
