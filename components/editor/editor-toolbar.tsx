"use client";

import { ImageIcon, LinkIcon, PullQuoteIcon, QuoteIcon, RedoIcon, UndoIcon } from "@/components/ui/icons";
import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState } from "react";
import type { HeadingLevel } from "@/lib/content/extensions";
import type { TableCommandName } from "@/lib/content/table-nodes";
import { focusBodyNow } from "./focus-body";

type ToolState = Record<string, boolean>;

type Tool = {
  id: string;
  label: string;
  /** Shown as a short glyph or an SVG icon (never an emoji: machines without an emoji font draw boxes); the accessible name is `label`. */
  glyph: React.ReactNode;
  shortcut?: string;
  toggle: boolean;
  run: (editor: Editor) => void;
};

const heading = (level: HeadingLevel): Tool => ({
  id: `h${level}`,
  label: `Heading ${level}`,
  glyph: `H${level}`,
  shortcut: `Control+Alt+${level}`,
  toggle: true,
  run: (editor) => editor.chain().focus().toggleHeading({ level }).run(),
});

const tableTool = (id: string, label: string, command: TableCommandName, toggle = false): Tool => ({
  id,
  label,
  glyph: label,
  toggle,
  run: (editor) => editor.chain().focus().runTableCommand(command).run(),
});

/** Shown only while the caret is in a table: they act on the table around it. */
const TABLE_TOOLS: Tool[] = [
  tableTool("tableAddRow", "Add row", "addRowAfter"),
  tableTool("tableAddColumn", "Add column", "addColumnAfter"),
  tableTool("tableDeleteRow", "Delete row", "deleteRow"),
  tableTool("tableDeleteColumn", "Delete column", "deleteColumn"),
  tableTool("tableHeaderRow", "Header row", "toggleHeaderRow", true),
  tableTool("tableDelete", "Delete table", "deleteTable"),
];

/** Toolbar buttons in visual order. Pressed state is read from the editor, never tracked here. */
function buildTools(onLink: () => void, onImage: () => void, inTable: boolean): Tool[] {
  return [
    { id: "bold", label: "Bold", glyph: "B", shortcut: "Control+B", toggle: true, run: (e) => e.chain().focus().toggleBold().run() },
    { id: "italic", label: "Italic", glyph: "I", shortcut: "Control+I", toggle: true, run: (e) => e.chain().focus().toggleItalic().run() },
    { id: "link", label: "Link", glyph: <LinkIcon />, shortcut: "Control+K", toggle: true, run: () => onLink() },
    { id: "superscript", label: "Superscript", glyph: "x²", shortcut: "Control+.", toggle: true, run: (e) => e.chain().focus().toggleSuperscript().run() },
    { id: "subscript", label: "Subscript", glyph: "x₂", shortcut: "Control+,", toggle: true, run: (e) => e.chain().focus().toggleSubscript().run() },
    heading(2),
    heading(3),
    heading(4),
    { id: "bulletList", label: "Bulleted list", glyph: "•", toggle: true, run: (e) => e.chain().focus().toggleBulletList().run() },
    { id: "orderedList", label: "Numbered list", glyph: "1.", toggle: true, run: (e) => e.chain().focus().toggleOrderedList().run() },
    { id: "blockquote", label: "Quote", glyph: <QuoteIcon />, toggle: true, run: (e) => e.chain().focus().toggleBlockquote().run() },
    { id: "pullQuote", label: "Pull quote", glyph: <PullQuoteIcon />, toggle: true, run: (e) => e.chain().focus().togglePullQuote().run() },
    { id: "horizontalRule", label: "Divider", glyph: "―", toggle: false, run: (e) => e.chain().focus().setHorizontalRule().run() },
    { id: "image", label: "Insert image", glyph: <ImageIcon />, toggle: false, run: () => onImage() },
    { id: "table", label: "Insert table", glyph: "▦", toggle: false, run: (e) => e.chain().focus().insertTable({ rows: 3, columns: 3 }).run() },
    ...(inTable ? TABLE_TOOLS : []),
    { id: "undo", label: "Undo", glyph: <UndoIcon />, shortcut: "Control+Z", toggle: false, run: (e) => e.chain().focus().undo().run() },
    { id: "redo", label: "Redo", glyph: <RedoIcon />, shortcut: "Control+Shift+Z", toggle: false, run: (e) => e.chain().focus().redo().run() },
  ];
}

function selectToolState(editor: Editor): ToolState {
  return {
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    link: editor.isActive("link"),
    superscript: editor.isActive("superscript"),
    subscript: editor.isActive("subscript"),
    inTable: editor.isActive("table"),
    tableHeaderRow: isInHeaderRow(editor),
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    h4: editor.isActive("heading", { level: 4 }),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    pullQuote: editor.isActive("pullQuote"),
  };
}

function isInHeaderRow(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === "tableRow") return node.childCount > 0 && node.firstChild?.type.name === "tableHeader";
  }
  return false;
}

function sameState(a: ToolState, b: ToolState | null): boolean {
  if (!b) return false;
  for (const key of Object.keys(a)) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys move between
 * buttons, Home/End jump to the ends; toggles report aria-pressed.
 */
export function EditorToolbar({
  editor,
  editorId,
  onLink,
  onImage,
}: {
  editor: Editor;
  editorId: string;
  onLink: () => void;
  onImage: () => void;
}) {
  const [current, setCurrent] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const state = useEditorState({ editor, selector: ({ editor: e }) => selectToolState(e), equalityFn: sameState });
  const tools = buildTools(onLink, onImage, Boolean(state?.inTable));

  function move(to: number) {
    const next = (to + tools.length) % tools.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const rtl = getComputedStyle(event.currentTarget).direction === "rtl";
    const forward = rtl ? "ArrowLeft" : "ArrowRight";
    const backward = rtl ? "ArrowRight" : "ArrowLeft";
    if (event.key === forward) move(current + 1);
    else if (event.key === backward) move(current - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(tools.length - 1);
    else return;
    event.preventDefault();
  }

  return (
    <div role="toolbar" aria-label="Formatting" aria-controls={editorId} className="editor-toolbar" onKeyDown={onKeyDown}>
      {tools.map((tool, index) => (
        <button
          key={tool.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          className={`tool tool-${tool.id}`}
          tabIndex={index === Math.min(current, tools.length - 1) ? 0 : -1}
          aria-label={tool.label}
          title={tool.shortcut ? `${tool.label} (${tool.shortcut.replace("Control", "Ctrl")})` : tool.label}
          aria-keyshortcuts={tool.shortcut}
          aria-pressed={tool.toggle ? Boolean(state?.[tool.id]) : undefined}
          // Keep the caret in the text: a mouse click must not move focus out of the editor.
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setCurrent(index)}
          onClick={() => {
            tool.run(editor);
            if (tool.id !== "link" && tool.id !== "image") focusBodyNow(editor);
          }}
        >
          <span aria-hidden="true">{tool.glyph}</span>
        </button>
      ))}
    </div>
  );
}
