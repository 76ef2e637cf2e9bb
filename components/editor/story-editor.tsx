"use client";

import "./editor.css";

import { useMutation } from "@tanstack/react-query";
import { Editor, EditorContent } from "@tiptap/react";
import { NodeSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { contentExtensions, FIGURE_DEFAULTS } from "@/lib/content/extensions";
import { LANGUAGES, languageDir } from "@/lib/content/languages";
import { LIMIT_MESSAGES, MAX_BODY_BYTES, measureUtf8Bytes } from "@/lib/content/limits";
import { countWords, emptyDoc, readingMinutes } from "@/lib/content/text";
import type { SaveStoryActionResult } from "@/lib/stories/action-results";
import type { EditorStory } from "@/lib/stories/queries";
import type { SaveStoryInput, StoryDraftInput } from "@/lib/stories/schemas";
import { isValidSlug, suggestSlug } from "@/lib/stories/slug";
import { STATUS_LABELS } from "@/lib/stories/workflow";
import { AutosaveScheduler, type AutosaveStatus, type SaveKind, type SaveOutcome } from "./autosave-scheduler";
import { ConflictPanel, type ConflictState } from "./conflict-panel";
import { draftFromStory, emptyFields, fieldsFromStory, sameDraft, toDraftInput, type DraftFields, type EditorDraft } from "./draft";
import { EditorToolbar } from "./editor-toolbar";
import { FigureDetails } from "./figure-details";
import { TableDetails } from "./table-details";
import { adoptEditor, claimEditor, offerEditor, ownsEditor, peekOfferedEditor, recordHandoffState, releaseEditor, type HandoffState } from "./handoff";
import { LinkForm } from "./link-form";
import {
  answerTabPings,
  askLiveTabs,
  findUnsavedCopies,
  pruneLocalDrafts,
  removeLocalDraft,
  writeLocalDraft,
  type LocalDraftRecord,
} from "./local-drafts";
import { BylineInput, FeaturedImageField, TagInput, UploadList, type UploadView } from "./meta-fields";
import { PauseTimer } from "./pause-timer";
import { PresenceNotice } from "./presence-notice";
import { EditorQueryProvider } from "./query-provider";
import type { SectionOption } from "./section-options";
import { ImageUploadError, uploadImage } from "./upload-image";
import { droppedImagesNotice } from "./paste/dropped-images-notice";
import { PasteCleanup } from "./paste/paste-cleanup";
import { isWritersEdit } from "./writer-edits";
import { typeIntoEmptyBlock } from "./empty-block-typing";
import { registerEditorFlush } from "@/components/desk/editor-flush";


export type StoryEditorProps = {
  /** null on /desk/stories/new: the first save creates the story. */
  story: EditorStory | null;
  viewer: { id: string; name: string };
  canEdit: boolean;
  readOnlyReason: string | null;
  sections: SectionOption[];
  staff: Array<{ id: string; name: string }>;
  tagSuggestions: string[];
  defaultLanguage: string;
  /** https origins an admin allows story images from besides /media/ (pasted images from them are kept). */
  imageOrigins?: string[];
  saveAction: (input: SaveStoryInput) => Promise<SaveStoryActionResult>;
  createAction: (input: { draft: StoryDraftInput }) => Promise<SaveStoryActionResult>;
  /** Mount point for the workflow panel and comments (rendered by the page). */
  sidebar?: React.ReactNode;
};

/** The page's origin never changes while it is open. */
const subscribeToNothing = () => () => {};

export function StoryEditor(props: StoryEditorProps) {
  return (
    <EditorQueryProvider>
      <StoryEditorView {...props} />
    </EditorQueryProvider>
  );
}

const LOCAL_WRITE_PAUSE_MS = 1_000;
const LOCAL_WRITE_MAX_WAIT_MS = 5_000;
const WORD_COUNT_DELAY_MS = 300;
const WORD_COUNT_MAX_WAIT_MS = 2_000;
const BODY_ID = "story-body";

function newClientId(): string {
  return (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9]/g, "");
}

function browserStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function statusText(status: AutosaveStatus, isNew: boolean, hasHeadline: boolean, savedAt: string | null): string {
  switch (status.state) {
    case "saved":
      if (isNew) return "New story: nothing to save yet";
      return savedAt ? `Saved at ${new Date(savedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : "Saved";
    case "unsaved":
      return isNew && !hasHeadline ? "Unsaved changes (add a headline to start saving)" : "Unsaved changes";
    case "saving":
      return "Saving…";
    case "retrying":
      return "Unsaved changes: the server cannot be reached, retrying (your text is kept in this browser)";
    case "conflict":
      return "Conflict: someone else saved first";
    case "blocked":
      return "Unsaved changes: saving is not possible";
  }
}

function bodyText(editor: Editor): string {
  const doc = editor.state.doc;
  return doc.textBetween(0, doc.content.size, "\n\n", (leaf) => (leaf.type.name === "figure" ? ` ${String(leaf.attrs.caption ?? "")} ` : leaf.type.name === "hardBreak" ? "\n" : ""));
}

/**
 * ProseMirror learns about keyboard selection changes from the asynchronous selectionchange event,
 * and browsers may deliver the next key before it (input outranks ordinary tasks): Shift+Home,
 * End, Enter typed quickly — by a fast typist, a remote desktop or a test — would act on the old
 * selection and could replace text that was no longer selected. Reading the DOM selection first,
 * as ProseMirror itself does on selectionchange, closes that gap. `domObserver` is internal to
 * prosemirror-view, so its absence is tolerated.
 */
function flushDomSelection(view: EditorView): void {
  const observer = (view as unknown as { domObserver?: { flush?: () => void } }).domObserver;
  try {
    observer?.flush?.();
  } catch {
    // Nothing to gain from failing a keystroke over this.
  }
}

function findFigurePos(editor: Editor, mediaId: string, src: string): number | null {
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === "figure" && node.attrs.mediaId === mediaId && node.attrs.src === src) found = pos;
    return found === null;
  });
  return found;
}

function StoryEditorView({
  story,
  viewer,
  canEdit,
  readOnlyReason,
  sections,
  staff,
  tagSuggestions,
  defaultLanguage,
  imageOrigins,
  saveAction,
  createAction,
  sidebar,
}: StoryEditorProps) {
  const router = useRouter();
  const [clientId] = useState(newClientId);
  const [fields, setFields] = useState<DraftFields>(() => (story ? fieldsFromStory(story) : emptyFields(defaultLanguage, { userId: viewer.id, name: viewer.name })));
  const fieldsRef = useRef(fields);
  const [slugTouched, setSlugTouched] = useState(story !== null);
  const slugTouchedRef = useRef(slugTouched);
  const [storyId, setStoryId] = useState<string | null>(story?.id ?? null);
  const storyIdRef = useRef<string | null>(story?.id ?? null);
  const baseVersionRef = useRef<number | null>(story?.version ?? null);
  const [version, setVersion] = useState<number | null>(story?.version ?? null);
  const resolvesConflictRef = useRef(false);
  const failedDraftsRef = useRef<EditorDraft[]>([]);
  const createdRef = useRef<{ id: string; version: number } | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const lastEditAtRef = useRef(0);
  const canEditRef = useRef(canEdit);

  const [status, setStatus] = useState<AutosaveStatus>({ state: "saved" });
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  // The site's origin is the desk's own; known only in the browser (the server render shows the path).
  const siteOrigin = useSyncExternalStore(subscribeToNothing, () => window.location.origin, () => "");
  const [problem, setProblem] = useState<string | null>(null);
  const [localProblem, setLocalProblem] = useState(false);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [conflictMode, setConflictMode] = useState<"choose" | "merge">("choose");
  const [restoreOffer, setRestoreOffer] = useState<LocalDraftRecord | null>(null);
  const [wordCount, setWordCount] = useState(story?.wordCount ?? 0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);
  const uploadPositions = useRef(new Map<string, number>());
  const [figureFocus, setFigureFocus] = useState(0);
  const [featuredPreview, setFeaturedPreview] = useState<string | null>(null);
  const bodyFileInput = useRef<HTMLInputElement>(null);

  const saveMutation = useMutation({ mutationFn: (input: SaveStoryInput) => saveAction(input) });
  const createMutation = useMutation({ mutationFn: (draft: StoryDraftInput) => createAction({ draft }) });

  // The scheduler outlives renders (created once the component mounts); it reaches the latest
  // closures through these refs, which effects keep current.
  const performSaveRef = useRef<(kind: SaveKind) => Promise<SaveOutcome>>(async () => ({ type: "failed" }));
  const saveNowRef = useRef<() => void>(() => {});
  const schedulerRef = useRef<AutosaveScheduler | null>(null);

  // ---- the local copy ---------------------------------------------------------------------

  const writeLocalNow = useCallback(() => {
    const editor = editorRef.current;
    const storage = browserStorage();
    const scheduler = schedulerRef.current;
    if (!storage || !scheduler || !editor || editor.isDestroyed) return;
    const key = storyIdRef.current ?? "new";
    if (!scheduler.dirty && !scheduler.busy) {
      removeLocalDraft(storage, key, clientId);
      return;
    }
    const ok = writeLocalDraft(storage, {
      v: 1,
      storyKey: key,
      clientId,
      baseVersion: baseVersionRef.current,
      editedAt: lastEditAtRef.current,
      dirty: true,
      draft: { ...fieldsRef.current, body: editor.getJSON() },
    });
    setLocalProblem(!ok);
  }, [clientId]);

  const [localTimer] = useState(() => new PauseTimer(LOCAL_WRITE_PAUSE_MS, LOCAL_WRITE_MAX_WAIT_MS));
  const scheduleLocalWrite = useCallback(() => localTimer.schedule(writeLocalNow), [localTimer, writeLocalNow]);

  // ---- change tracking --------------------------------------------------------------------

  const markChanged = useCallback(() => {
    lastEditAtRef.current = Date.now();
    schedulerRef.current?.noteChange();
    scheduleLocalWrite();
  }, [scheduleLocalWrite]);

  // Counting walks the whole text: never per keystroke, but still every 2 s during long bursts.
  const [wordTimer] = useState(() => new PauseTimer(WORD_COUNT_DELAY_MS, WORD_COUNT_MAX_WAIT_MS));
  const scheduleWordCount = useCallback(
    () =>
      wordTimer.schedule(() => {
        const editor = editorRef.current;
        if (editor && !editor.isDestroyed) setWordCount(countWords(bodyText(editor)));
      }),
    [wordTimer],
  );

  /** Set while the program (not the writer) replaces the body, so it is not counted as an edit. */
  const programmaticRef = useRef(false);
  const replaceBody = useCallback((editor: Editor, body: EditorDraft["body"]) => {
    programmaticRef.current = true;
    try {
      editor.commands.setContent(body, { emitUpdate: false });
    } finally {
      programmaticRef.current = false;
    }
  }, []);

  const updateFields = useCallback(
    (patch: Partial<DraftFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      if (!slugTouchedRef.current && patch.headline !== undefined) next.slug = next.headline.trim() ? suggestSlug(next.headline) : "";
      fieldsRef.current = next;
      setFields(next);
      setFieldErrors((errors) => {
        const keys = Object.keys(patch).filter((k) => errors[k]);
        if (keys.length === 0) return errors;
        const copy = { ...errors };
        for (const k of keys) delete copy[k];
        return copy;
      });
      markChanged();
    },
    [markChanged],
  );

  // ---- uploads ----------------------------------------------------------------------------

  const startUpload = useCallback(
    async (file: File, target: "body" | "featured", pos: number | null, alt?: string) => {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const name = file.name || "image";
      if (!file.type.startsWith("image/")) {
        setUploads((list) => [...list, { key, name, progress: 0, error: "Only image files can be inserted." }]);
        return;
      }
      setUploads((list) => [...list, { key, name, progress: 0, error: null }]);
      if (target === "body" && pos !== null) uploadPositions.current.set(key, pos);
      const result = await uploadImage(file, {
        alt,
        onProgress: ({ fraction }) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, progress: fraction } : u))),
      }).then(
        (image) => ({ ok: true as const, ...image }),
        (error: unknown) => ({ ok: false as const, message: error instanceof ImageUploadError ? error.message : "The upload failed; try again." }),
      );
      const at = uploadPositions.current.get(key);
      uploadPositions.current.delete(key);
      if (!result.ok) {
        setUploads((list) => list.map((u) => (u.key === key ? { ...u, error: result.message } : u)));
        return;
      }
      setUploads((list) => list.filter((u) => u.key !== key));
      if (target === "featured") {
        setFeaturedPreview(result.url);
        updateFields({ featuredMediaId: result.id });
        return;
      }
      const editor = editorRef.current;
      if (!editor || editor.isDestroyed) return;
      const attrs = { ...FIGURE_DEFAULTS, src: result.url, alt: result.alt, mediaId: result.id, width: result.width || null, height: result.height || null };
      const size = editor.state.doc.content.size;
      const where = Math.min(Math.max(at ?? editor.state.selection.head, 0), size);
      const inserted = editor.chain().setTextSelection(where).insertFigure(attrs).run();
      if (!inserted) {
        setUploads((list) => [...list, { key, name, progress: 0, error: "The uploaded image has an address the editor cannot use." }]);
        return;
      }
      const figurePos = findFigurePos(editor, result.id, result.url);
      if (figurePos !== null) {
        editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, figurePos)).scrollIntoView());
        setFigureFocus((n) => n + 1);
      }
    },
    [updateFields],
  );

  const imageFiles = (list: FileList | null | undefined) => Array.from(list ?? []).filter((f) => f.type.startsWith("image/"));

  const handlersRef = useRef({
    paste: (view: EditorView, event: ClipboardEvent): boolean => {
      void view;
      void event;
      return false;
    },
    drop: (view: EditorView, event: DragEvent, moved: boolean): boolean => {
      void view;
      void event;
      void moved;
      return false;
    },
    keyDown: (view: EditorView, event: KeyboardEvent): boolean => {
      void view;
      void event;
      return false;
    },
  });
  useEffect(() => {
    handlersRef.current = {
    paste: (view, event) => {
      const data = event.clipboardData;
      // Word and Docs also put a picture of copied text on the clipboard: text wins.
      if (!data || data.getData("text/html") || data.getData("text/plain")) return false;
      const files = imageFiles(data.files);
      if (files.length === 0 || !canEditRef.current) return false;
      event.preventDefault();
      for (const file of files) void startUpload(file, "body", view.state.selection.head);
      return true;
    },
    drop: (view, event, moved) => {
      if (moved || !canEditRef.current) return false;
      const files = imageFiles(event.dataTransfer?.files);
      if (files.length === 0) return false;
      event.preventDefault();
      const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.head;
      for (const file of files) void startUpload(file, "body", pos);
      return true;
    },
    keyDown: (view, event) => {
      if (!event.isComposing && event.keyCode !== 229) flushDomSelection(view);
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setLinkOpen(true);
        return true;
      }
      return false;
    },
    };
  }, [startUpload]);

  // Stable objects: Tiptap compares options on every render and would re-apply changed ones.
  const languageRef = useRef(fields.language);
  const [editorOptions] = useState(() => ({
    // The one content list, plus paste clean-up, which adds behaviour and no schema.
    extensions: [...contentExtensions, PasteCleanup.configure({ imageOrigins: imageOrigins ?? [] })],
    content: story?.body ?? emptyDoc(),
    editorProps: {
      attributes: () => ({
        id: BODY_ID,
        "aria-label": "Story body",
        "aria-multiline": "true",
        "aria-describedby": "story-body-error",
        lang: languageRef.current,
        dir: languageDir(languageRef.current),
        class: "story-body",
        spellcheck: "true",
      }),
      handlePaste: (view: EditorView, event: ClipboardEvent) => handlersRef.current.paste(view, event),
      handleDrop: (view: EditorView, event: DragEvent, _slice: unknown, moved: boolean) => handlersRef.current.drop(view, event, moved),
      handleKeyDown: (view: EditorView, event: KeyboardEvent) => handlersRef.current.keyDown(view, event),
      handleDOMEvents: { beforeinput: (view: EditorView, event: Event) => typeIntoEmptyBlock(view, event as InputEvent) },
    },
  }));

  // The editor is made here, or adopted from the /new page that just created this story (see
  // handoff.ts); either way this instance owns it until it is handed on or destroyed.
  const [owner] = useState(() => ({}));
  const [editor, setEditor] = useState<Editor | null>(() => peekOfferedEditor(story?.id, story?.version));
  const refocusRef = useRef(false);
  const adoptedRef = useRef<{ dirty: boolean; clientId: string } | null>(null);
  const pendingFocusRef = useRef<{ focus: NonNullable<HandoffState["focus"]>; fields: DraftFields } | null>(null);
  const editorEventsRef = useRef({
    update: (transaction: Transaction): void => void transaction,
    transaction: (transaction: Transaction): void => void transaction,
    create: (created: Editor): void => void created,
  });
  // Pasted pictures go through the upload (and land where they were in the text); images that
  // could not come along are counted for the writer.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const storage = editor.storage.pasteCleanup;
    storage.onPastedImages = (images) => {
      for (const image of images) void startUpload(image.file, "body", image.pos, image.alt);
    };
    storage.onDroppedImages = (count) => setPasteNotice(droppedImagesNotice(count));
    return () => {
      storage.onPastedImages = null;
      storage.onDroppedImages = null;
    };
  }, [editor, startUpload]);

  useEffect(() => {
    editorEventsRef.current = {
      update: (transaction) => {
        // Not every "update" is an edit: locking the editor emits one too (see writer-edits.ts).
        if (!isWritersEdit(transaction, programmaticRef.current)) return;
        markChanged();
        scheduleWordCount();
      },
      transaction: (transaction) => {
        if (!transaction.docChanged || uploadPositions.current.size === 0) return;
        for (const [key, pos] of uploadPositions.current) uploadPositions.current.set(key, transaction.mapping.map(pos));
      },
      create: (created) => offerLocalCopyRef.current(created),
    };
  });

  useLayoutEffect(() => {
    let ed = editorRef.current && !editorRef.current.isDestroyed && ownsEditor(editorRef.current, owner) ? editorRef.current : null;
    let handoff: HandoffState | null = null;
    if (!ed) {
      handoff = editor && story ? adoptEditor(story.id, editor, owner) : null;
      if (handoff && editor) {
        ed = editor;
        ed.setOptions({ editorProps: editorOptions.editorProps });
        if (ed.isEditable !== canEditRef.current) ed.setEditable(canEditRef.current, false);
      } else {
        ed = new Editor({ ...editorOptions, editable: canEditRef.current });
        claimEditor(ed, owner);
        setEditor(ed);
      }
      editorRef.current = ed;
    }
    const onUpdate = ({ transaction }: { transaction: Transaction }) => editorEventsRef.current.update(transaction);
    const onTransaction = ({ transaction }: { transaction: Transaction }) => editorEventsRef.current.transaction(transaction);
    const onCreate = ({ editor: created }: { editor: Editor }) => editorEventsRef.current.create(created);
    ed.on("update", onUpdate);
    ed.on("transaction", onTransaction);
    // Emitted once the view is mounted, from a timeout; an adopted editor was created long ago.
    if (handoff) continueFromHandoff(ed, handoff);
    else ed.on("create", onCreate);
    // Development re-runs effects once more (Strict Mode), and EditorContent's re-mount in between
    // takes the focus away: give it back.
    if (refocusRef.current) ed.view.focus();
    refocusRef.current = false;
    const current = ed;
    return () => {
      refocusRef.current = !current.isDestroyed && current.view.hasFocus();
      current.off("update", onUpdate);
      current.off("transaction", onTransaction);
      current.off("create", onCreate);
      // Leaving for the story's own page: say how things stand, while this DOM is still in place.
      const created = createdRef.current;
      if (!created || current.isDestroyed) return;
      const scheduler = schedulerRef.current;
      const active = document.activeElement;
      recordHandoffState(created.id, current, {
        clientId,
        fields: fieldsRef.current,
        slugTouched: slugTouchedRef.current,
        dirty: scheduler ? scheduler.dirty || scheduler.busy : false,
        focus:
          active instanceof HTMLElement && active.id && active.closest(".story-editor")
            ? {
                id: active.id,
                selectionStart: active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active.selectionStart : null,
                selectionEnd: active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active.selectionEnd : null,
              }
            : null,
      });
    };
    // Once per instance: the editor outlives renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Destroyed when this instance goes for good (a development re-mount comes straight back).
  const mountedRef = useRef(false);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      const ed = editorRef.current;
      setTimeout(() => {
        if (!mountedRef.current && ed) releaseEditor(ed, owner, createdRef.current?.id ?? null);
      }, 0);
    };
  }, [owner]);

  // A form control that had the focus gets it back once its value is the handed-over one.
  useLayoutEffect(() => {
    const pendingFocus = pendingFocusRef.current?.fields === fields ? pendingFocusRef.current.focus : null;
    if (!pendingFocus) return;
    pendingFocusRef.current = null;
    const element = document.getElementById(pendingFocus.id);
    if (!element) return;
    element.focus();
    if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && pendingFocus.selectionStart !== null) {
      try {
        element.setSelectionRange(pendingFocus.selectionStart, pendingFocus.selectionEnd ?? pendingFocus.selectionStart);
      } catch {
        // Not every input type has a text selection.
      }
    }
  }, [fields]);

  useEffect(() => {
    // Re-evaluates the attributes function, so dir/lang follow the language at once. Before the
    // view is mounted there is nothing to update: mounting reads the current language anyway.
    languageRef.current = fields.language;
    if (!editor || editor.isDestroyed) return;
    try {
      editor.view.setProps({});
    } catch {
      // not mounted yet
    }
  }, [editor, fields.language]);

  // ---- saving -----------------------------------------------------------------------------

  const performSave = async (kind: SaveKind): Promise<SaveOutcome> => {
    const ed = editorRef.current;
    if (!ed || ed.isDestroyed) return { type: "failed" };
    const draft: EditorDraft = { ...fieldsRef.current, body: ed.getJSON() };
    if (!draft.headline.trim()) {
      const message = "The headline cannot be empty.";
      setFieldErrors((e) => ({ ...e, headline: [message] }));
      return { type: "invalid", message };
    }
    if (measureUtf8Bytes(JSON.stringify(draft.body)) > MAX_BODY_BYTES) {
      setFieldErrors((e) => ({ ...e, body: [LIMIT_MESSAGES.tooLarge] }));
      return { type: "invalid", message: LIMIT_MESSAGES.tooLarge };
    }
    const input = toDraftInput(draft, { sendSlug: slugTouchedRef.current });
    const currentId = storyIdRef.current;
    let result: SaveStoryActionResult;
    try {
      if (currentId === null) {
        result = await createMutation.mutateAsync(input);
      } else {
        result = await saveMutation.mutateAsync({
          storyId: currentId,
          baseVersion: baseVersionRef.current ?? 1,
          kind,
          draft: input,
          ...(resolvesConflictRef.current ? { resolvesConflict: true } : {}),
        });
      }
    } catch {
      // Offline, a server error, a deploy in between: the text stays here and is sent again.
      failedDraftsRef.current = [...failedDraftsRef.current.slice(-4), draft];
      return { type: "failed" };
    }

    if (result.ok) {
      failedDraftsRef.current = [];
      resolvesConflictRef.current = false;
      const firstSinceApproval = (story?.status === "approved" || story?.status === "scheduled") && baseVersionRef.current === story.version;
      if ((story?.live && baseVersionRef.current === story.live.storyVersion) || firstSinceApproval) {
        // The first change staged on a live story, or the first since an approval: let the
        // server-rendered workflow panel see that the working copy now differs (it offers "Publish
        // update", or shows "Changed since approval"). Later saves need not.
        setTimeout(() => router.refresh(), 0);
      }
      baseVersionRef.current = result.version;
      setVersion(result.version);
      setSavedAt(result.savedAt);
      setFieldErrors({});
      setProblem(null);
      if (currentId === null) {
        // The server made the slug unique; from now on it is the story's own.
        if (!slugTouchedRef.current) {
          slugTouchedRef.current = true;
          setSlugTouched(true);
          fieldsRef.current = { ...fieldsRef.current, slug: result.slug };
          setFields(fieldsRef.current);
        }
        storyIdRef.current = result.storyId;
        setStoryId(result.storyId);
        createdRef.current = { id: result.storyId, version: result.version };
        offerEditor(result.storyId, ed, result.version);
        const storage = browserStorage();
        if (storage) removeLocalDraft(storage, "new", clientId);
        // Let the scheduler record this save, then hand over to the story's own page (unless the
        // writer has already gone elsewhere).
        setTimeout(() => {
          if (!mountedRef.current) return;
          schedulerRef.current?.halt();
          router.replace(`/desk/stories/${result.storyId}`);
        }, 0);
      }
      return { type: "saved" };
    }

    switch (result.kind) {
      case "conflict": {
        const server = result.server;
        const theirs = draftFromStory(server);
        const ours = [draft, ...failedDraftsRef.current].some((d) => sameDraft(d, theirs));
        if (ours) {
          // Our own earlier save got through but its answer was lost: carry on from it.
          baseVersionRef.current = server.version;
          setVersion(server.version);
          failedDraftsRef.current = [];
          return { type: "failed" };
        }
        setConflict({ mine: draft, theirs: server, keptRevisionNumber: result.keptRevisionNumber });
        setConflictMode("choose");
        return { type: "conflict" };
      }
      case "invalid":
        setFieldErrors(result.fieldErrors ?? {});
        setProblem(result.message);
        return { type: "invalid", message: result.message };
      default:
        setProblem(result.message);
        return { type: "blocked", message: result.message };
    }
  };

  const saveNow = () => {
    if (!canEditRef.current) return;
    if (!fieldsRef.current.headline.trim()) {
      setFieldErrors((e) => ({ ...e, headline: ["The headline cannot be empty."] }));
      setProblem("The headline cannot be empty.");
      document.getElementById("story-headline")?.focus();
      return;
    }
    schedulerRef.current?.saveNow();
  };

  useEffect(() => {
    performSaveRef.current = performSave;
    saveNowRef.current = saveNow;
  });

  // ---- lifecycle --------------------------------------------------------------------------

  useEffect(() => {
    const storage = browserStorage();
    if (status.state === "saved" && storage) removeLocalDraft(storage, storyIdRef.current ?? "new", clientId);
  }, [status, clientId]);

  useEffect(() => {
    const scheduler = new AutosaveScheduler({
      save: (kind) => performSaveRef.current(kind),
      onStatus: (next) => setStatus(next),
      canSave: () => canEditRef.current && (storyIdRef.current !== null || fieldsRef.current.headline.trim() !== ""),
    });
    schedulerRef.current = scheduler;
    const adopted = adoptedRef.current;
    if (adopted) {
      // Changes typed after the first save, on the /new page: still to be saved, by this instance.
      if (adopted.dirty) markChanged();
      // Take over the browser copy the old instance left, so it is not offered back as lost text.
      writeLocalNow();
      const storage = browserStorage();
      if (storage && storyIdRef.current) removeLocalDraft(storage, storyIdRef.current, adopted.clientId);
    }
    // Workflow buttons ("Submit for review"…) first store what is on screen, then act on it.
    // The version handed back is the one now on screen: publishing names it as the version read.
    const unregisterFlush = registerEditorFlush(async () => {
      if (!scheduler.dirty && !scheduler.busy) return { stored: true, version: baseVersionRef.current };
      saveNowRef.current();
      const deadline = Date.now() + 15_000;
      while ((scheduler.dirty || scheduler.busy) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return { stored: !scheduler.dirty && !scheduler.busy, version: baseVersionRef.current };
    });
    const stopAnswering = answerTabPings(clientId);
    const onOnline = () => scheduler.retryNow();
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        saveNowRef.current();
      }
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      writeLocalNow();
      if (scheduler.dirty || scheduler.busy) {
        event.preventDefault();
        // Older browsers need returnValue set to show the "leave site?" prompt.
        event.returnValue = "";
      }
    };
    const onHide = () => writeLocalNow();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") writeLocalNow();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      unregisterFlush();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
      stopAnswering();
      localTimer.cancel();
      wordTimer.cancel();
      writeLocalNow();
      scheduler.dispose();
    };
  }, [clientId, writeLocalNow, localTimer, wordTimer, markChanged]);

  // The editor of a just-created story continues where the /new page left off.
  function continueFromHandoff(adopted: Editor, handoff: HandoffState) {
    fieldsRef.current = handoff.fields;
    setFields(handoff.fields);
    slugTouchedRef.current = handoff.slugTouched;
    setSlugTouched(handoff.slugTouched);
    setWordCount(countWords(bodyText(adopted)));
    // Unsaved changes and the old instance's browser copy are taken over once this instance's
    // scheduler exists (it is made after layout effects like this one have run).
    adoptedRef.current = { dirty: handoff.dirty, clientId: handoff.clientId };
    if (handoff.focus?.id === BODY_ID) adopted.view.focus();
    else if (handoff.focus) pendingFocusRef.current = { focus: handoff.focus, fields: handoff.fields };
    offerLocalCopy(adopted);
  }

  // Unsaved text left by a closed, crashed or reloaded tab: offer it back.
  function offerLocalCopy(created: Editor) {
    const storage = browserStorage();
    if (!storage || !canEditRef.current || created.isDestroyed) return;
    pruneLocalDrafts(storage, Date.now());
    const key = story?.id ?? "new";
    const candidates = findUnsavedCopies(storage, key, { exceptClientId: clientId, now: Date.now(), server: story ? draftFromStory(story) : null });
    if (candidates.length === 0) return;
    void askLiveTabs(candidates.map((c) => c.clientId)).then((live) => {
      if (!created.isDestroyed) setRestoreOffer(candidates.find((c) => !live.has(c.clientId)) ?? null);
    });
  }

  function restoreLocal(record: LocalDraftRecord) {
    const storage = browserStorage();
    if (!editor || !storage) return;
    replaceBody(editor, record.draft.body);
    const { body, ...restoredFields } = record.draft;
    void body;
    fieldsRef.current = restoredFields;
    setFields(restoredFields);
    // A copy based on an older version must go through the conflict view, not over newer work.
    if (record.baseVersion !== null) baseVersionRef.current = record.baseVersion;
    removeLocalDraft(storage, record.storyKey, record.clientId);
    setRestoreOffer(null);
    setWordCount(countWords(bodyText(editor)));
    markChanged();
  }

  function discardLocal(record: LocalDraftRecord) {
    const storage = browserStorage();
    if (storage) removeLocalDraft(storage, record.storyKey, record.clientId);
    setRestoreOffer(null);
  }

  // A workflow transition re-renders the page with new server props: the editor locks (a
  // reporter's story in review) or unlocks (sent back, withdrawn) without being remounted.
  // Locking or unlocking is not an edit: no "update" is emitted for it.
  const offerLocalCopyRef = useRef<(created: Editor) => void>(() => {});
  useEffect(() => {
    offerLocalCopyRef.current = offerLocalCopy;
  });
  useEffect(() => {
    const wasEditable = canEditRef.current;
    canEditRef.current = canEdit;
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== canEdit) editor.setEditable(canEdit, false);
    // Copies left by lost tabs are offered only to an editable editor: look again once it is one.
    if (canEdit && !wasEditable) offerLocalCopyRef.current(editor);
  }, [editor, canEdit]);

  // ---- conflict resolution ----------------------------------------------------------------

  function keepMine() {
    if (!conflict) return;
    baseVersionRef.current = conflict.theirs.version;
    setVersion(conflict.theirs.version);
    resolvesConflictRef.current = true;
    setConflict(null);
    schedulerRef.current?.resolveConflict();
    schedulerRef.current?.saveNow();
  }

  function takeTheirs() {
    if (!conflict || !editor) return;
    const theirs = conflict.theirs;
    replaceBody(editor, theirs.body);
    const next = fieldsFromStory(theirs);
    fieldsRef.current = next;
    setFields(next);
    baseVersionRef.current = theirs.version;
    setVersion(theirs.version);
    setWordCount(theirs.wordCount);
    setConflict(null);
    setFieldErrors({});
    setProblem(null);
    schedulerRef.current?.resolveConflict();
    schedulerRef.current?.markSaved();
  }

  function mergeByHand() {
    if (!conflict) return;
    baseVersionRef.current = conflict.theirs.version;
    setVersion(conflict.theirs.version);
    resolvesConflictRef.current = true;
    setConflictMode("merge");
    schedulerRef.current?.resolveConflict();
  }

  // ---- render -----------------------------------------------------------------------------

  const dir = languageDir(fields.language);
  const isNew = storyId === null;
  const storyStatus = story?.status ?? "draft";
  const liveDiffers = story?.live && storyStatus === "published" && version !== null && version !== story.live.storyVersion;
  const headlineLength = fields.headline.trim().length;
  const slugInvalid = slugTouched && fields.slug !== "" && !isValidSlug(fields.slug);
  const sectionPath = sections.find((s) => s.id === fields.sectionId)?.path;
  const publicAddress = `${siteOrigin}/${sectionPath ? `${sectionPath}/` : ""}${fields.slug || "…"}`;
  const errorsFor = (key: string) => fieldErrors[key];

  return (
    <div className="story-editor" data-client-id={clientId}>
      <div className="story-editor-bar">
        <p className="story-status">Status: {STATUS_LABELS[storyStatus]}</p>
        <p role="status" className={`save-state save-state-${status.state}`}>
          {statusText(status, isNew, fields.headline.trim() !== "", savedAt)}
        </p>
        <p className="word-count">
          {wordCount.toLocaleString("en")} {wordCount === 1 ? "word" : "words"} · {readingMinutes(wordCount)} min read
        </p>
        {canEdit ? (
          <button type="button" className="button" onClick={saveNow} aria-keyshortcuts="Control+S">
            Save
          </button>
        ) : null}
        {storyId && story?.view !== "live" ? <Link href={`/desk/stories/${storyId}/history`}>History</Link> : null}
        {story?.live && storyStatus === "published" ? (
          <a href={story.live.path} target="_blank" rel="noopener">
            View live
          </a>
        ) : null}
        {liveDiffers ? <p className="live-differs">Live version differs</p> : null}
      </div>

      {storyId ? <PresenceNotice storyId={storyId} clientId={clientId} /> : null}
      {!canEdit && readOnlyReason ? <p className="read-only-note">{readOnlyReason}</p> : null}
      {problem ? (
        <p role="alert" className="form-error">
          {problem}
        </p>
      ) : null}
      {localProblem ? (
        <p role="alert" className="form-error">
          This browser refused to keep a copy of your text (storage full or disabled). Save often.
        </p>
      ) : null}
      {restoreOffer && canEdit ? (
        <section className="restore-banner" aria-labelledby="restore-heading">
          <h2 id="restore-heading">Unsaved text found in this browser</h2>
          <p>
            A copy from {new Date(restoreOffer.editedAt).toLocaleString()} was never saved
            {restoreOffer.baseVersion !== null && story && restoreOffer.baseVersion < story.version
              ? "; the story has been saved by someone since, so restoring it will show both versions to compare."
              : "."}
          </p>
          <button type="button" className="button" onClick={() => restoreLocal(restoreOffer)}>
            Restore unsaved text
          </button>{" "}
          <button type="button" className="button secondary" onClick={() => discardLocal(restoreOffer)}>
            Discard it
          </button>
        </section>
      ) : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          mode={conflictMode}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
          onMerge={mergeByHand}
          onDone={() => setConflict(null)}
        />
      ) : null}

      <div className="story-editor-grid">
        <div className="story-editor-main" lang={fields.language} dir={dir}>
          <div className="field">
            <label htmlFor="story-headline">Headline</label>
            <input
              id="story-headline"
              className="headline-input"
              value={fields.headline}
              readOnly={!canEdit}
              onChange={(event) => updateFields({ headline: event.target.value })}
              aria-invalid={errorsFor("headline") || headlineLength > 300 ? true : undefined}
              aria-describedby="story-headline-error"
              dir={dir}
              autoComplete="off"
            />
            <p id="story-headline-error" className="field-error" aria-live="polite">
              {errorsFor("headline")?.join(" ") ?? (headlineLength > 300 ? `Keep the headline under 300 characters (${headlineLength} now).` : null)}
            </p>
          </div>
          <div className="field">
            <label htmlFor="story-standfirst">Standfirst</label>
            <textarea
              id="story-standfirst"
              rows={2}
              value={fields.standfirst}
              readOnly={!canEdit}
              onChange={(event) => updateFields({ standfirst: event.target.value })}
              aria-describedby="story-standfirst-error"
              dir={dir}
            />
            <p id="story-standfirst-error" className="field-error" aria-live="polite">
              {errorsFor("standfirst")?.join(" ")}
            </p>
          </div>

          <div className="body-field">
            <span className="field-label" aria-hidden="true">
              Story body
            </span>
            {editor && canEdit ? (
              <EditorToolbar
                editor={editor}
                editorId={BODY_ID}
                onLink={() => {
                  flushDomSelection(editor.view);
                  setLinkOpen(true);
                }} onImage={() => bodyFileInput.current?.click()} />
            ) : null}
            <input
              ref={bodyFileInput}
              type="file"
              accept="image/*"
              hidden
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void startUpload(file, "body", editor ? editor.state.selection.head : null);
                event.target.value = "";
              }}
            />
            {editor && linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
            <UploadList uploads={uploads} onDismiss={(key) => setUploads((list) => list.filter((u) => u.key !== key))} />
            {/* The save state is the page's one role="status"; this announces politely without it. */}
            <div className="paste-notice" aria-live="polite">
              {pasteNotice ? (
                <p>
                  {pasteNotice}{" "}
                  <button type="button" className="button secondary" onClick={() => setPasteNotice(null)}>
                    Dismiss
                  </button>
                </p>
              ) : null}
            </div>
            {editor && canEdit ? <FigureDetails editor={editor} focusRequest={figureFocus} /> : null}
            {editor && canEdit ? <TableDetails editor={editor} /> : null}
            <EditorContent editor={editor} className="story-body-host" />
            {!editor ? <p className="muted editor-loading">Loading the editor…</p> : null}
            <p id="story-body-error" className="field-error" aria-live="polite">
              {errorsFor("body")?.join(" ")}
            </p>
          </div>

          <div className="field">
            <label htmlFor="story-source">Source</label>
            <input
              id="story-source"
              value={fields.sourceLine}
              readOnly={!canEdit}
              onChange={(event) => updateFields({ sourceLine: event.target.value })}
              placeholder="(Source: …)"
              aria-describedby="story-source-error"
              dir={dir}
            />
            <p id="story-source-error" className="field-error" aria-live="polite">
              {errorsFor("sourceLine")?.join(" ")}
            </p>
          </div>
        </div>

        <aside className="story-editor-side" aria-label="Story details">
          <div className="field">
            <label htmlFor="story-section">Section</label>
            <select
              id="story-section"
              value={fields.sectionId ?? ""}
              disabled={!canEdit}
              onChange={(event) => updateFields({ sectionId: event.target.value || null })}
              aria-describedby="story-section-error"
            >
              <option value="">No section yet</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <p id="story-section-error" className="field-error" aria-live="polite">
              {errorsFor("sectionId")?.join(" ")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="story-language">Story language</label>
            <select id="story-language" value={fields.language} disabled={!canEdit} onChange={(event) => updateFields({ language: event.target.value })}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name === l.nativeName ? l.name : `${l.name} (${l.nativeName})`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="story-slug">Slug</label>
            <input
              id="story-slug"
              value={fields.slug}
              readOnly={!canEdit}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                slugTouchedRef.current = true;
                setSlugTouched(true);
                updateFields({ slug: event.target.value.trim().toLowerCase() });
              }}
              aria-invalid={slugInvalid || errorsFor("slug") ? true : undefined}
              aria-describedby="story-slug-hint story-slug-error"
            />
            <small id="story-slug-hint">
              {slugTouched ? "" : "Suggested from the headline; type to choose your own. "}
              Public address: <span dir="ltr" className="slug-address">{publicAddress}</span>
            </small>
            {canEdit && fields.headline.trim() && fields.slug !== suggestSlug(fields.headline) ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  slugTouchedRef.current = true;
                  setSlugTouched(true);
                  updateFields({ slug: suggestSlug(fields.headline) });
                }}
              >
                Suggest from headline
              </button>
            ) : null}
            <p id="story-slug-error" className="field-error" aria-live="polite">
              {errorsFor("slug")?.join(" ") ?? (slugInvalid ? "Use only lower-case letters, digits and single hyphens." : null)}
            </p>
          </div>
          <TagInput tags={fields.tags} suggestions={tagSuggestions} disabled={!canEdit} onChange={(tags) => updateFields({ tags })} errors={errorsFor("tags")} />
          <BylineInput bylines={fields.bylines} staff={staff} disabled={!canEdit} onChange={(bylines) => updateFields({ bylines })} errors={errorsFor("bylines")} />
          <FeaturedImageField
            mediaId={fields.featuredMediaId}
            previewUrl={featuredPreview}
            caption={fields.featuredCaption}
            credit={fields.featuredCredit}
            disabled={!canEdit}
            onUpload={(file) => void startUpload(file, "featured", null)}
            onChange={(patch) => updateFields(patch)}
            errors={errorsFor("featuredMediaId")}
          />
          <fieldset className="seo-fields">
            <legend>Search and sharing</legend>
            <div className="field">
              <label htmlFor="story-seo-title">SEO title</label>
              <input
                id="story-seo-title"
                value={fields.seoTitle}
                readOnly={!canEdit}
                placeholder={fields.headline}
                onChange={(event) => updateFields({ seoTitle: event.target.value })}
                aria-describedby="story-seo-title-hint"
                dir={dir}
              />
              <small id="story-seo-title-hint">Leave empty to use the headline.</small>
            </div>
            <div className="field">
              <label htmlFor="story-seo-description">SEO description</label>
              <textarea
                id="story-seo-description"
                rows={3}
                value={fields.seoDescription}
                readOnly={!canEdit}
                placeholder={fields.standfirst}
                onChange={(event) => updateFields({ seoDescription: event.target.value })}
                aria-describedby="story-seo-description-hint"
                dir={dir}
              />
              <small id="story-seo-description-hint">Leave empty to use the standfirst.</small>
            </div>
          </fieldset>
          {sidebar}
        </aside>
      </div>
    </div>
  );
}
