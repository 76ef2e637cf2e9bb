/**
 * Which of the editor's "update" events are the writer's edits, the ones that make the story
 * unsaved (autosave, the browser copy, the "leave site?" prompt). Tiptap emits "update" for
 * more than edits: `setEditable` emits one with an empty transaction, so locking the editor after
 * a workflow transition ("Submit for review") used to look like unsaved text that could never be
 * saved, was kept in the browser, and was offered back on the next visit. Only a transaction that
 * changed the document, and that the program did not make itself (replacing the body after a
 * restore, a handoff or "take theirs"), is an edit.
 */
export function isWritersEdit(transaction: { docChanged: boolean }, programmatic: boolean): boolean {
  return transaction.docChanged && !programmatic;
}
