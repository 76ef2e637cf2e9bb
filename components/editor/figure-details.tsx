"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { NodeSelection } from "@tiptap/pm/state";
import { useEffect, useRef } from "react";
import type { FigureAttributes } from "@/lib/content/extensions";
import { focusBodyNow } from "./focus-body";

type Selected = { pos: number; attrs: FigureAttributes } | null;

function selectFigure(editor: Editor): Selected {
  const selection = editor.state.selection;
  if (selection instanceof NodeSelection && selection.node.type.name === "figure") {
    return { pos: selection.from, attrs: selection.node.attrs as FigureAttributes };
  }
  return null;
}

function sameSelected(a: Selected, b: Selected | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pos === b.pos && a.attrs.alt === b.attrs.alt && a.attrs.caption === b.attrs.caption && a.attrs.credit === b.attrs.credit && a.attrs.src === b.attrs.src;
}

/**
 * Alt text, caption and credit of the selected image. A panel beside the text rather than inputs
 * inside the contenteditable: form fields inside an editing host confuse screen readers and
 * ProseMirror alike.
 */
export function FigureDetails({ editor, focusRequest }: { editor: Editor; focusRequest: number }) {
  const selected = useEditorState({ editor, selector: ({ editor: e }) => selectFigure(e), equalityFn: sameSelected });
  const altInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A freshly uploaded image: take the writer straight to its description.
    if (focusRequest > 0) altInput.current?.focus();
  }, [focusRequest]);

  if (!selected) return null;

  function update(attrs: Partial<FigureAttributes>) {
    if (!selected) return;
    const { pos } = selected;
    editor
      .chain()
      .command(({ tr }) => {
        const node = tr.doc.nodeAt(pos);
        if (!node || node.type.name !== "figure") return false;
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs });
        // Keep the figure selected so the panel stays while its fields are being typed in.
        tr.setSelection(NodeSelection.create(tr.doc, pos));
        return true;
      })
      .run();
  }

  return (
    <fieldset className="figure-details">
      <legend>Selected image</legend>
      <div className="field">
        <label htmlFor="figure-alt">Image alt text</label>
        <input
          ref={altInput}
          id="figure-alt"
          value={selected.attrs.alt}
          onChange={(event) => update({ alt: event.target.value })}
          aria-describedby="figure-alt-hint"
        />
        <small id="figure-alt-hint">{selected.attrs.alt.trim() ? "Describes the image for people who cannot see it." : "Describe the image for people who cannot see it."}</small>
      </div>
      <div className="field">
        <label htmlFor="figure-caption">Image caption</label>
        <input id="figure-caption" value={selected.attrs.caption} onChange={(event) => update({ caption: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="figure-credit">Image credit</label>
        <input id="figure-credit" value={selected.attrs.credit} onChange={(event) => update({ credit: event.target.value })} />
      </div>
      <button type="button" className="button secondary" onClick={() => {
          editor.chain().focus().deleteSelection().run();
          focusBodyNow(editor);
        }}>
        Remove image
      </button>
    </fieldset>
  );
}
