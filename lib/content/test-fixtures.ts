/**
 * Documents shared by the content tests. `fullStoryDoc` uses every node and mark the schema
 * allows, so a round trip through validation and rendering exercises all of them.
 */
import type { JSONContent } from "@tiptap/core";

export function textNode(text: string, marks?: JSONContent["marks"]): JSONContent {
  return marks ? { type: "text", text, marks } : { type: "text", text };
}

export function paragraph(...content: JSONContent[]): JSONContent {
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

export function docOf(...content: JSONContent[]): JSONContent {
  return { type: "doc", content };
}

export function linkedText(text: string, href: string): JSONContent {
  return textNode(text, [{ type: "link", attrs: { href } }]);
}

export function figureNode(attrs: Record<string, unknown>): JSONContent {
  return { type: "figure", attrs };
}

export function tableCell(type: "tableHeader" | "tableCell", ...content: JSONContent[]): JSONContent {
  return { type, content: [paragraph(...content)] };
}

/** Wraps a paragraph in blockquotes so the deepest node (the text) sits at `depth`. */
export function nestedDoc(depth: number): JSONContent {
  // doc (1) + blockquotes + paragraph + text = depth
  let node: JSONContent = paragraph(textNode("deep"));
  for (let i = 0; i < depth - 3; i++) node = { type: "blockquote", content: [node] };
  return docOf(node);
}

export const fullStoryDoc: JSONContent = docOf(
  { type: "heading", attrs: { level: 2 }, content: [textNode("Council approves budget")] },
  paragraph(
    textNode("The council voted "),
    textNode("7 to 2", [{ type: "bold" }]),
    textNode(" on "),
    textNode("Tuesday", [{ type: "italic" }]),
    textNode(", according to "),
    linkedText("the minutes", "https://council.example.gov/minutes"),
    textNode("."),
    { type: "hardBreak" },
    textNode("Contact "),
    linkedText("the desk", "mailto:desk@example.com"),
    textNode(" or "),
    linkedText("call", "tel:+15551234567"),
    textNode(" or read "),
    linkedText("our archive", "/archive"),
    textNode("."),
  ),
  { type: "heading", attrs: { level: 3 }, content: [textNode("What changes")] },
  {
    type: "bulletList",
    content: [
      { type: "listItem", content: [paragraph(textNode("More buses"))] },
      {
        type: "listItem",
        content: [
          paragraph(textNode("Fewer potholes")),
          { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph(textNode("Main Street"))] }] },
        ],
      },
    ],
  },
  { type: "heading", attrs: { level: 4 }, content: [textNode("Reaction")] },
  { type: "blockquote", content: [paragraph(textNode("It is a good day for the city."))] },
  { type: "pullQuote", content: [textNode("A good day for the city")] },
  { type: "horizontalRule" },
  figureNode({
    src: "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w1200.webp",
    alt: "Council members voting",
    caption: "The vote on Tuesday.",
    credit: "Photo: A. Reporter",
    width: 1200,
    height: 800,
    mediaId: "42",
  }),
  { type: "orderedList", content: [{ type: "listItem", content: [paragraph(textNode("First"))] }] },
  paragraph(textNode("Turnout"), textNode("1", [{ type: "superscript" }]), textNode(" fell; CO"), textNode("2", [{ type: "subscript" }]), textNode(" rose.")),
  {
    type: "table",
    attrs: { caption: "Votes by ward" },
    content: [
      { type: "tableRow", content: [tableCell("tableHeader", textNode("Ward")), tableCell("tableHeader", textNode("Votes"))] },
      { type: "tableRow", content: [tableCell("tableHeader", textNode("North")), tableCell("tableCell", textNode("1,204", [{ type: "bold" }]))] },
      { type: "tableRow", content: [{ ...tableCell("tableCell", textNode("Total: 2,410")), attrs: { colspan: 2, rowspan: 1 } }] },
    ],
  },
);
