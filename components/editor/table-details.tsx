"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { MAX_TABLE_CAPTION } from "@/lib/content/limits";

type Selected = { pos: number; caption: string } | null;

/** The table around the caret (the innermost one), or null. */
function selectTable(editor: Editor): Selected {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === "table") return { pos: $from.before(depth), caption: String(node.attrs.caption ?? "") };
  }
  return null;
}

function sameSelected(a: Selected, b: Selected | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pos === b.pos && a.caption === b.caption;
}

/**
 * The caption of the table the caret is in: it names the table for screen readers (and the
 * scrollable box around it on the public site). A field beside the text, like an image's details,
 * because form fields inside the editing host confuse screen readers and ProseMirror alike.
 */
export function TableDetails({ editor }: { editor: Editor }) {
  const selected = useEditorState({ editor, selector: ({ editor: e }) => selectTable(e), equalityFn: sameSelected });
  if (!selected) return null;

  function update(caption: string) {
    if (!selected) return;
    const { pos } = selected;
    editor
      .chain()
      .command(({ tr }) => {
        const node = tr.doc.nodeAt(pos);
        if (!node || node.type.name !== "table") return false;
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, caption: caption.slice(0, MAX_TABLE_CAPTION) });
        return true;
      })
      .run();
  }

  return (
    <div className="table-details field">
      <label htmlFor="table-caption">Table caption</label>
      <input
        id="table-caption"
        value={selected.caption}
        maxLength={MAX_TABLE_CAPTION}
        onChange={(event) => update(event.target.value)}
        aria-describedby="table-caption-hint"
      />
      <small id="table-caption-hint">Says what the table shows; screen readers announce it before the table.</small>
    </div>
  );
}
