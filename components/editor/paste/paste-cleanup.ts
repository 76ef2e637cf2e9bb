/**
 * The editor half of pasting from Docs, Word and web pages (clean-pasted-html.ts does the HTML):
 * an editor-only extension, adding no nodes or marks, so the schema stays the one list in
 * lib/content/extensions.ts.
 *
 * Pictures carried in the clipboard (data: URLs) are pasted as marker paragraphs; once the pasted
 * content is in the document the markers are removed and their positions handed to
 * `onPastedImages`, which uploads each picture through the media pipeline and inserts its figure
 * there. Images that cannot come along are reported through `onDroppedImages` with their count.
 *
 * The two callbacks live in the editor's storage, not its options: the editor object outlives the
 * component that made it (handoff.ts), and whoever owns it now sets them.
 */
import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { cleanPastedHtml, dataUrlToFile, PASTE_IMAGE_MARKER_PATTERN, type CleanedPaste } from "./clean-pasted-html";

export type PastedImage = { file: File; alt: string; pos: number };

export type PasteCleanupOptions = {
  imageOrigins: readonly string[];
};

export type PasteCleanupStorage = {
  onPastedImages: ((images: PastedImage[]) => void) | null;
  onDroppedImages: ((count: number) => void) | null;
};

declare module "@tiptap/core" {
  interface Storage {
    pasteCleanup: PasteCleanupStorage;
  }
}

function findMarkers(doc: ProseMirrorNode): Array<{ index: number; pos: number; size: number }> {
  const found: Array<{ index: number; pos: number; size: number }> = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== "paragraph") return true;
    const match = PASTE_IMAGE_MARKER_PATTERN.exec(node.textContent);
    if (match) found.push({ index: Number(match[1]), pos, size: node.nodeSize });
    return false;
  });
  return found;
}

/** Removes the marker paragraphs from `tr` and says where each picture goes, in the final document. */
function takeMarkers(tr: Transaction, cleaned: CleanedPaste): PastedImage[] {
  const markers = findMarkers(tr.doc);
  const firstStep = tr.steps.length;
  for (const marker of [...markers].reverse()) tr.delete(marker.pos, marker.pos + marker.size);
  const mapping = tr.mapping.slice(firstStep);
  const images: PastedImage[] = [];
  for (const marker of markers) {
    const pasted = cleaned.dataImages[marker.index];
    const file = pasted ? dataUrlToFile(pasted.dataUrl, `pasted-image-${marker.index + 1}`) : null;
    if (file) images.push({ file, alt: pasted.alt, pos: mapping.map(marker.pos, -1) });
  }
  return images;
}

/**
 * ProseMirror leaves the caret at the end of what was pasted, which for a table is its last cell,
 * so the next paste or paragraph would land inside the table. Writers expect to continue below it.
 */
function placeCaretAfterTable(tr: Transaction): void {
  const $head = tr.selection.$head;
  for (let depth = $head.depth; depth > 0; depth--) {
    if ($head.node(depth).type.name !== "table") continue;
    const after = $head.after(depth);
    const next = tr.doc.resolve(after).nodeAfter;
    if (!next || !next.isTextblock) tr.insert(after, tr.doc.type.schema.nodes.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
    return;
  }
}

export const PasteCleanup = Extension.create<PasteCleanupOptions>({
  name: "pasteCleanup",

  addOptions() {
    return { imageOrigins: [] };
  },

  addStorage(): PasteCleanupStorage {
    return { onPastedImages: null, onDroppedImages: null };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    const storage = this.storage as PasteCleanupStorage;
    let cleaned: CleanedPaste | null = null;
    let dropping = false;
    return [
      new Plugin({
        key: new PluginKey("pasteCleanup"),
        props: {
          handleDOMEvents: {
            // A drop has no handlePaste to place uploads from: its pictures are dropped and counted.
            drop: () => {
              dropping = true;
              return false;
            },
          },
          transformPastedHTML: (html) => {
            const wasDrop = dropping;
            dropping = false;
            const result = cleanPastedHtml(html, { imageOrigins: options.imageOrigins, importDataImages: !wasDrop });
            if (wasDrop && result.droppedImages > 0) storage.onDroppedImages?.(result.droppedImages);
            cleaned = wasDrop ? null : result;
            return result.html;
          },
          handlePaste: (view: EditorView, _event, slice) => {
            const result = cleaned;
            cleaned = null;
            if (!result) return false;
            if (result.droppedImages > 0) storage.onDroppedImages?.(result.droppedImages);
            const endsWithTable = slice.content.lastChild?.type.name === "table";
            if (result.dataImages.length === 0 && !endsWithTable) return false;
            // ProseMirror's own paste (replaceSelection), then the markers come out in the same step
            // of the undo history, so one Undo removes the whole paste.
            const tr = view.state.tr.replaceSelection(slice).scrollIntoView().setMeta("paste", true).setMeta("uiEvent", "paste");
            const images = takeMarkers(tr, result);
            if (endsWithTable) placeCaretAfterTable(tr);
            view.dispatch(tr);
            if (images.length > 0) storage.onPastedImages?.(images);
            return true;
          },
        },
      }),
    ];
  },
});
