import { describe, expect, it } from "vitest";

import { CONTENT_MARK_NAMES, CONTENT_NODE_NAMES, FIGURE_DEFAULTS, linkOptions } from "./extensions";
import { getContentSchema } from "./validate";
import { HOSTILE_URLS } from "./xss-corpus";

describe("contentExtensions schema", () => {
  const schema = getContentSchema();

  it("contains exactly the documented nodes and marks", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual([...CONTENT_NODE_NAMES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...CONTENT_MARK_NAMES].sort());
  });

  it("maps pasted h1 to the top story heading (h2) and h5/h6 to the lowest (h4)", () => {
    const rules = (schema.nodes.heading.spec.parseDOM ?? []).map((rule) => ["tag" in rule ? rule.tag : undefined, rule.attrs?.level]);
    expect(rules).toEqual([
      ["h1", 2],
      ["h2", 2],
      ["h3", 3],
      ["h4", 4],
      ["h5", 4],
      ["h6", 4],
    ]);
  });

  it("ends a link where it ends: text typed after it is not part of it", () => {
    expect(schema.marks.link.spec.inclusive).toBe(false);
  });

  it("gives tables the roles prosemirror-tables looks for, and cells only paragraphs", () => {
    expect(schema.nodes.table.spec.tableRole).toBe("table");
    expect(schema.nodes.tableRow.spec.tableRole).toBe("row");
    expect(schema.nodes.tableCell.spec.tableRole).toBe("cell");
    expect(schema.nodes.tableHeader.spec.tableRole).toBe("header_cell");
    expect(schema.nodes.tableCell.spec.content).toBe("paragraph+");
  });

  it("gives figures the documented attributes and defaults", () => {
    const figure = schema.nodes.figure.create();
    expect(figure.attrs).toEqual(FIGURE_DEFAULTS);
    expect(figure.isAtom).toBe(true);
    expect(figure.isBlock).toBe(true);
  });

  it("renders a pull quote as an aside in the editor", () => {
    const node = schema.nodes.pullQuote.create(null, schema.text("Quote"));
    expect(schema.nodes.pullQuote.spec.toDOM?.(node)).toEqual(["aside", { class: "pull-quote" }, ["p", 0]]);
  });

  it("never puts an unsafe src on the editor's <img>", () => {
    const figure = schema.nodes.figure.create({ ...FIGURE_DEFAULTS, src: "javascript:alert(1)", caption: "c" });
    const spec = schema.nodes.figure.spec.toDOM?.(figure) as unknown as [string, unknown, [string, { src: unknown }]];
    expect(spec[0]).toBe("figure");
    expect(spec[2][0]).toBe("img");
    expect(spec[2][1].src).toBeNull();
  });

  it("strips an unsafe href from the editor's <a>", () => {
    const mark = schema.marks.link.create({ href: "javascript:alert(1)" });
    const spec = schema.marks.link.spec.toDOM?.(mark, true) as unknown as [string, Record<string, unknown>];
    expect(spec[0]).toBe("a");
    expect(spec[1].href).toBe("");
  });
});

describe("linkOptions", () => {
  it("does not follow links on click inside the editor", () => {
    expect(linkOptions.openOnClick).toBe(false);
  });

  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("refuses %s in the editor, like the server", (_label, url) => {
    expect(linkOptions.isAllowedUri(url)).toBe(false);
    expect(linkOptions.shouldAutoLink(url)).toBe(false);
  });

  it("autolinks ordinary web addresses but not bare words or IP addresses", () => {
    expect(linkOptions.shouldAutoLink("https://example.com/a")).toBe(true);
    expect(linkOptions.shouldAutoLink("example.com")).toBe(true);
    expect(linkOptions.shouldAutoLink("localhost")).toBe(false);
    expect(linkOptions.shouldAutoLink("192.168.1.1")).toBe(false);
  });
});
