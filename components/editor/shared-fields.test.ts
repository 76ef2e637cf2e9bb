import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FIELDS_MAP } from "@/lib/collab/shape-names";
import { mapOffsetThroughDelta, readFieldValues, slugFollowsHeadline, writeText, writeValue } from "./shared-fields";

function docWithFields(values: Record<string, string>): Y.Doc {
  const doc = new Y.Doc();
  const map = doc.getMap(FIELDS_MAP);
  for (const [key, value] of Object.entries(values)) map.set(key, new Y.Text(value));
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe("shared fields", () => {
  it("keeps both people's words when two change the headline at once", () => {
    const a = docWithFields({ headline: "Council votes", slug: "council-votes" });
    const b = new Y.Doc();
    sync(a, b);
    writeText(a, "headline", "City council votes");
    writeText(b, "headline", "Council votes on budget");
    sync(a, b);
    expect(readFieldValues(a, "en").headline).toBe("City council votes on budget");
    expect(readFieldValues(b, "en").headline).toBe("City council votes on budget");
  });

  it("lets the slug follow the headline until someone chooses their own", () => {
    const doc = docWithFields({ headline: "", slug: "" });
    writeText(doc, "headline", "Council votes");
    expect(readFieldValues(doc, "en").slug).toBe("council-votes");
    writeText(doc, "slug", "budget-vote");
    writeText(doc, "headline", "Council votes again");
    expect(readFieldValues(doc, "en").slug).toBe("budget-vote");
    expect(slugFollowsHeadline("council-votes", "Council votes")).toBe(true);
  });

  it("writes choices as whole values, the later one winning", () => {
    const a = docWithFields({ headline: "x" });
    writeValue(a, "tags", ["Budget"]);
    writeValue(a, "sectionId", "s1");
    expect(readFieldValues(a, "en")).toMatchObject({ tags: ["Budget"], sectionId: "s1", language: "en" });
  });

  it("does not create a field the document does not have yet (that would race another person's)", () => {
    const doc = new Y.Doc();
    writeText(doc, "headline", "Too early");
    expect(doc.getMap(FIELDS_MAP).size).toBe(0);
  });

  it("keeps a caret at the writer's place while another person types before or after it", () => {
    // "Council votes", caret after "Council" (7); someone inserts "City " at 0.
    expect(mapOffsetThroughDelta(7, [{ insert: "City " }])).toBe(12);
    // Someone appends after the caret: it stays.
    expect(mapOffsetThroughDelta(7, [{ retain: 13 }, { insert: " today" }])).toBe(7);
    // Someone deletes "Council " before it (caret inside the deleted text moves to its start).
    expect(mapOffsetThroughDelta(10, [{ delete: 8 }])).toBe(2);
    expect(mapOffsetThroughDelta(4, [{ delete: 8 }])).toBe(0);
    // A replacement before the caret.
    expect(mapOffsetThroughDelta(13, [{ retain: 2 }, { delete: 3 }, { insert: "ABCDE" }])).toBe(15);
  });
});
