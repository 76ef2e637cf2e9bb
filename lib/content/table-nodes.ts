/**
 * Tables in story text: rows of cells, an optional header row (<th>), an optional caption. Cells
 * hold paragraphs with inline formatting only (no lists, figures or nested tables), which is what
 * a newsroom table is and what reads well on a phone.
 *
 * Plain schema nodes over prosemirror-tables (no node views, no column resizing: a column width
 * set on a desk monitor means nothing on a phone, and the nodes must bind to a shared document
 * unchanged). Cell attributes are scalars (colspan, rowspan) because the validator accepts
 * nothing else in a body.
 */
import { mergeAttributes, Node } from "@tiptap/core";
import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import {
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
  tableEditing,
  toggleHeaderRow,
} from "@tiptap/pm/tables";
import { MAX_CELL_SPAN, MAX_TABLE_CAPTION } from "./limits";
import { TextSelection, type Command as ProseMirrorCommand } from "@tiptap/pm/state";


const TABLE_ROLES: Record<string, string> = {
  table: "table",
  tableRow: "row",
  tableCell: "cell",
  tableHeader: "header_cell",
};

export type TableCommandName = "addRowAfter" | "addColumnAfter" | "deleteRow" | "deleteColumn" | "toggleHeaderRow" | "deleteTable";

const TABLE_COMMANDS: Record<TableCommandName, ProseMirrorCommand> = {
  addRowAfter,
  addColumnAfter,
  deleteRow,
  deleteColumn,
  toggleHeaderRow,
  deleteTable,
};

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    table: {
      /** A table of `rows` x `columns` whose first row is a header row, caret in the first cell. */
      insertTable: (options?: { rows?: number; columns?: number }) => ReturnType;
      /** One of the table editing commands, applied to the table around the selection. */
      runTableCommand: (name: TableCommandName) => ReturnType;
    };
  }
}

function readSpan(element: HTMLElement, name: "colspan" | "rowspan"): number | null {
  const raw = element.getAttribute(name);
  if (!raw || !/^\d{1,3}$/.test(raw.trim())) return null;
  const value = Number.parseInt(raw, 10);
  return value >= 1 && value <= MAX_CELL_SPAN ? value : null;
}

function spanAttributes() {
  return {
    colspan: {
      default: 1,
      parseHTML: (element: HTMLElement) => readSpan(element, "colspan"),
      renderHTML: (attributes: Record<string, unknown>) => (attributes.colspan === 1 ? {} : { colspan: attributes.colspan }),
    },
    rowspan: {
      default: 1,
      parseHTML: (element: HTMLElement) => readSpan(element, "rowspan"),
      renderHTML: (attributes: Record<string, unknown>) => (attributes.rowspan === 1 ? {} : { rowspan: attributes.rowspan }),
    },
  };
}

function createTableNode(schema: Schema, rows: number, columns: number): ProseMirrorNode {
  const cell = (type: "tableHeader" | "tableCell") => schema.nodes[type].createAndFill() as ProseMirrorNode;
  const row = (type: "tableHeader" | "tableCell") =>
    schema.nodes.tableRow.create(null, Array.from({ length: columns }, () => cell(type)));
  return schema.nodes.table.create(null, [
    row("tableHeader"),
    ...Array.from({ length: Math.max(rows - 1, 1) }, () => row("tableCell")),
  ]);
}

export const Table = Node.create({
  name: "table",
  group: "block",
  content: "tableRow+",
  isolating: true,

  // prosemirror-tables finds its nodes by this schema field, which Tiptap only passes through here.
  extendNodeSchema(extension) {
    const role = TABLE_ROLES[extension.name];
    return role ? { tableRole: role } : {};
  },

  addAttributes() {
    return {
      caption: {
        default: "",
        rendered: false,
        parseHTML: (element: HTMLElement) => {
          const caption = Array.from(element.children).find((child) => child.tagName === "CAPTION");
          return caption?.textContent?.replace(/\s+/g, " ").trim().slice(0, MAX_TABLE_CAPTION) || null;
        },
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: "table",
        // The caption is read into the attribute above; parsed as content it would become a cell.
        contentElement: (element: HTMLElement) => {
          const captions = Array.from(element.children).filter((child) => child.tagName === "CAPTION");
          if (captions.length === 0) return element;
          const copy = element.cloneNode(true) as HTMLElement;
          for (const child of Array.from(copy.children)) if (child.tagName === "CAPTION") child.remove();
          return copy;
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const caption = typeof node.attrs.caption === "string" ? node.attrs.caption : "";
    // The caption is an attribute, not editable text: keep the browser from offering to edit it.
    return caption
      ? ["table", mergeAttributes(HTMLAttributes), ["caption", { contenteditable: "false" }, caption], ["tbody", 0]]
      : ["table", mergeAttributes(HTMLAttributes), ["tbody", 0]];
  },

  addCommands() {
    return {
      insertTable:
        ({ rows = 3, columns = 3 } = {}) =>
        ({ state, tr, dispatch }) => {
          if (isInTable(state)) return false;
          const table = createTableNode(state.schema, rows, columns);
          if (dispatch) {
            const start = tr.selection.from;
            tr.replaceSelectionWith(table).scrollIntoView();
            // Into the first header cell: inside table > row > cell > paragraph.
            const inside = tr.doc.resolve(Math.min(tr.mapping.map(start, -1) + 4, tr.doc.content.size));
            tr.setSelection(TextSelection.near(inside));
          }
          return true;
        },
      runTableCommand:
        (name) =>
        ({ state, dispatch }) =>
          TABLE_COMMANDS[name](state, dispatch),
    };
  },

  addKeyboardShortcuts() {
    // Tab moves between cells inside a table; outside one it keeps its usual job (leaving the editor).
    return {
      Tab: () => this.editor.commands.command(({ state, dispatch }) => goToNextCell(1)(state, dispatch)),
      "Shift-Tab": () => this.editor.commands.command(({ state, dispatch }) => goToNextCell(-1)(state, dispatch)),
    };
  },

  addProseMirrorPlugins() {
    return [tableEditing({ allowTableNodeSelection: false })];
  },
});

export const TableRow = Node.create({
  name: "tableRow",
  content: "(tableCell | tableHeader)+",

  parseHTML() {
    return [{ tag: "tr" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["tr", mergeAttributes(HTMLAttributes), 0];
  },
});

export const TableHeader = Node.create({
  name: "tableHeader",
  content: "paragraph+",
  isolating: true,

  addAttributes: spanAttributes,

  parseHTML() {
    return [{ tag: "th" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["th", mergeAttributes(HTMLAttributes), 0];
  },
});

export const TableCell = Node.create({
  name: "tableCell",
  content: "paragraph+",
  isolating: true,

  addAttributes: spanAttributes,

  parseHTML() {
    return [{ tag: "td" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["td", mergeAttributes(HTMLAttributes), 0];
  },
});
