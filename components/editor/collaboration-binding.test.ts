/**
 * The editor writes the body through Tiptap's Collaboration extension, which binds ProseMirror to
 * the shared document with @tiptap/y-tiptap; the server reads and writes it with y-prosemirror
 * (lib/collab/document-shape.ts). They are two forks of one library, so these tests round-trip
 * documents through both, with the very functions the editor binding uses (updateYFragment on each
 * local change, yXmlFragmentToProseMirrorRootNode to render the document), for every node and
 * mark of the schema. (The binding itself needs a DOM; the end-to-end journeys drive it.)
 */
import type { JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BODY_FIELD, readBodyJson, writeWorkingCopy } from "@/lib/collab/document-shape";
import { docOf, fullStoryDoc, paragraph, textNode } from "@/lib/content/test-fixtures";
import { getContentSchema, validateStoryBody } from "@/lib/content/validate";
import { draftOf } from "@/lib/testing/story-fixtures";

function normalized(body: unknown): unknown {
  const checked = validateStoryBody(body);
  if (!checked.ok) throw new Error(checked.message);
  return checked.doc;
}

/** Through the wire, as another client or the server receives it. */
function received(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** What the editor shows for a document. */
function editorView(doc: Y.Doc): unknown {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(BODY_FIELD), getContentSchema()).toJSON();
}

/** What the editor writes when its document becomes `body` (one local ProseMirror change). */
function editorWrites(doc: Y.Doc, body: JSONContent): void {
  const node = ProseMirrorNode.fromJSON(getContentSchema(), body);
  updateYFragment(doc, doc.getXmlFragment(BODY_FIELD), node, { mapping: new Map(), isOMark: new Map() });
}

function serverDoc(body: JSONContent): Y.Doc {
  const doc = new Y.Doc();
  writeWorkingCopy(doc, { ...draftOf(), body: normalized(body) });
  return doc;
}

describe("the editor's binding and the server's conversion agree", () => {
  it("shows in the editor exactly what the server wrote: every node and mark of the full fixture", () => {
    expect(normalized(editorView(received(serverDoc(fullStoryDoc))))).toEqual(normalized(fullStoryDoc));
  });

  it("reads on the server exactly what the editor wrote into an empty document", () => {
    const doc = new Y.Doc();
    editorWrites(doc, fullStoryDoc);
    expect(normalized(readBodyJson(received(doc)))).toEqual(normalized(fullStoryDoc));
  });

  it("reads on the server an editor's change to a document the server made, and back again", () => {
    const server = serverDoc(fullStoryDoc);
    const client = received(server);
    const edited = structuredClone(normalized(fullStoryDoc)) as JSONContent;
    edited.content!.unshift(paragraph(textNode("Breaking: "), textNode("update", [{ type: "bold" }])));
    editorWrites(client, edited);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(normalized(readBodyJson(server))).toEqual(normalized(edited));
    expect(normalized(editorView(received(server)))).toEqual(normalized(edited));
  });

  it("merges two editors typing into the same paragraph, and the server reads the merge", () => {
    const server = serverDoc(docOf(paragraph(textNode("The vote."))));
    const a = received(server);
    const b = received(server);
    editorWrites(a, docOf(paragraph(textNode("Reporter: The vote."))));
    editorWrites(b, docOf(paragraph(textNode("The vote. Editor's note."))));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b));
    const merged = normalized(docOf(paragraph(textNode("Reporter: The vote. Editor's note."))));
    expect(normalized(readBodyJson(server))).toEqual(merged);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    expect(normalized(editorView(a))).toEqual(merged);
  });
});
