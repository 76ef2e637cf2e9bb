"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState } from "react";
import type { HeadingLevel } from "@/lib/content/extensions";
import { focusBodyNow } from "./focus-body";

type ToolState = Record<string, boolean>;

type Tool = {
  id: string;
  label: string;
  /** Shown as a short glyph; the accessible name is `label`. */
  glyph: string;
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

/** Toolbar buttons in visual order. Pressed state is read from the editor, never tracked here. */
function buildTools(onLink: () => void, onImage: () => void): Tool[] {
  return [
    { id: "bold", label: "Bold", glyph: "B", shortcut: "Control+B", toggle: true, run: (e) => e.chain().focus().toggleBold().run() },
    { id: "italic", label: "Italic", glyph: "I", shortcut: "Control+I", toggle: true, run: (e) => e.chain().focus().toggleItalic().run() },
    { id: "link", label: "Link", glyph: "🔗", shortcut: "Control+K", toggle: true, run: () => onLink() },
    heading(2),
    heading(3),
    heading(4),
    { id: "bulletList", label: "Bulleted list", glyph: "•", toggle: true, run: (e) => e.chain().focus().toggleBulletList().run() },
    { id: "orderedList", label: "Numbered list", glyph: "1.", toggle: true, run: (e) => e.chain().focus().toggleOrderedList().run() },
    { id: "blockquote", label: "Quote", glyph: "❝", toggle: true, run: (e) => e.chain().focus().toggleBlockquote().run() },
    { id: "pullQuote", label: "Pull quote", glyph: "❞", toggle: true, run: (e) => e.chain().focus().togglePullQuote().run() },
    { id: "horizontalRule", label: "Divider", glyph: "―", toggle: false, run: (e) => e.chain().focus().setHorizontalRule().run() },
    { id: "image", label: "Insert image", glyph: "🖼", toggle: false, run: () => onImage() },
    { id: "undo", label: "Undo", glyph: "↶", shortcut: "Control+Z", toggle: false, run: (e) => e.chain().focus().undo().run() },
    { id: "redo", label: "Redo", glyph: "↷", shortcut: "Control+Shift+Z", toggle: false, run: (e) => e.chain().focus().redo().run() },
  ];
}

function selectToolState(editor: Editor): ToolState {
  return {
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    link: editor.isActive("link"),
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    h4: editor.isActive("heading", { level: 4 }),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    pullQuote: editor.isActive("pullQuote"),
  };
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
  const tools = buildTools(onLink, onImage);
  const [current, setCurrent] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const state = useEditorState({ editor, selector: ({ editor: e }) => selectToolState(e), equalityFn: sameState });

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
          tabIndex={index === current ? 0 : -1}
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
