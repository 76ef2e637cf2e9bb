"use client";

import "./editor.css";

import Collaboration from "@tiptap/extension-collaboration";
import { Editor, EditorContent } from "@tiptap/react";
import { NodeSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { BODY_FIELD, FIELDS_MAP } from "@/lib/collab/shape-names";
import { contentExtensions, FIGURE_DEFAULTS } from "@/lib/content/extensions";
import { LANGUAGES, languageDir } from "@/lib/content/languages";
import { countWords, readingMinutes } from "@/lib/content/text";
import type { EditorStory } from "@/lib/stories/queries";
import { isValidSlug, suggestSlug } from "@/lib/stories/slug";
import { STATUS_LABELS } from "@/lib/stories/workflow";
import { registerEditorFlush } from "@/components/desk/editor-flush";
import { CollabSession, collabUrl, hasDocument, type CollabSnapshot, type SessionEnd } from "./collab-session";
import { CollaborationCarets } from "./collaboration-carets";
import { typeIntoEmptyBlock } from "./empty-block-typing";
import { EditorToolbar } from "./editor-toolbar";
import { EditingNow } from "./editing-now";
import { FigureDetails } from "./figure-details";
import { TableDetails } from "./table-details";
import { droppedImagesNotice } from "./paste/dropped-images-notice";
import { PasteCleanup } from "./paste/paste-cleanup";
import { LinkForm } from "./link-form";
import { BylineInput, FeaturedImageField, TagInput, UploadList, type UploadView } from "./meta-fields";
import { PauseTimer } from "./pause-timer";
import { announce, colourFor } from "./presence";
import { hasUnsavedChanges } from "./save-state";
import { SaveStatus, WORKING_COPY_DELAY_MS } from "./save-status";
import type { SectionOption } from "./section-options";
import { readFieldValues, sharedText, writeText, writeValue, type FieldValues, type TextFieldName } from "./shared-fields";
import { SharedTextField } from "./shared-text-field";
import { ImageUploadError, uploadImage } from "./upload-image";

export type StoryEditorProps = {
  story: EditorStory;
  viewer: { id: string; name: string };
  canEdit: boolean;
  readOnlyReason: string | null;
  sections: SectionOption[];
  staff: Array<{ id: string; name: string }>;
  tagSuggestions: string[];
  defaultLanguage: string;
  /** https origins an admin allows story images from besides /media/ (pasted images from them are kept). */
  imageOrigins?: string[];
  /** Mount point for the workflow panel and comments (rendered by the page). */
  sidebar?: React.ReactNode;
};

type PasteHandlers = Pick<Editor["storage"]["pasteCleanup"], "onPastedImages" | "onDroppedImages">;

/** Hands the paste clean-up its callbacks (it lives in the editor's storage); returns the undo. */
function connectPasteHandlers(editor: Editor, handlers: { [K in keyof PasteHandlers]: NonNullable<PasteHandlers[K]> }): () => void {
  const storage = editor.storage.pasteCleanup;
  storage.onPastedImages = handlers.onPastedImages;
  storage.onDroppedImages = handlers.onDroppedImages;
  return () => {
    storage.onPastedImages = null;
    storage.onDroppedImages = null;
  };
}

/** The page's origin never changes while it is open. */
const subscribeToNothing = () => () => {};

const WORD_COUNT_DELAY_MS = 300;
const WORD_COUNT_MAX_WAIT_MS = 2_000;
const BODY_ID = "story-body";

const ENDED_MESSAGES: Record<SessionEnd, string> = {
  "session-ended": "Your session has ended, so this story can no longer be changed here. Sign in again to keep editing.",
  forbidden: "You can no longer open this story.",
  refused: "The server refused your last change (it broke one of the story's rules), so it was not saved. Reload the story to continue from the saved text.",
};

const NO_SNAPSHOT: CollabSnapshot = {
  connection: "connecting",
  offline: false,
  synced: false,
  unsynced: 0,
  everSynced: false,
  localLoaded: false,
  pendingLocal: false,
  ended: null,
};

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

/** The fields as the document has them, re-read whenever anyone changes one. */
function useFieldValues(session: CollabSession | null, initial: FieldValues, defaultLanguage: string): FieldValues {
  const cache = useRef<{ session: CollabSession | null; values: FieldValues }>({ session: null, values: initial });
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!session) return () => {};
      const map = session.doc.getMap(FIELDS_MAP);
      const onChange = () => {
        cache.current = { session, values: hasDocument(session.doc) ? readFieldValues(session.doc, defaultLanguage) : initial };
        listener();
      };
      map.observeDeep(onChange);
      onChange();
      return () => map.unobserveDeep(onChange);
    },
    [session, initial, defaultLanguage],
  );
  return useSyncExternalStore(
    subscribe,
    () => (cache.current.session === session ? cache.current.values : initial),
    () => initial,
  );
}

/** One value of the connection's state, re-rendering only when that value changes. */
function useSnapshotValue<T>(session: CollabSession | null, select: (snapshot: CollabSnapshot) => T): T {
  return useSyncExternalStore(
    session?.subscribe ?? subscribeToNothing,
    () => select(session ? session.getSnapshot() : NO_SNAPSHOT),
    () => select(NO_SNAPSHOT),
  );
}

function fieldsOfStory(story: EditorStory): FieldValues {
  return {
    headline: story.headline,
    standfirst: story.standfirst,
    sourceLine: story.sourceLine,
    slug: story.slug,
    featuredCaption: story.featuredCaption,
    featuredCredit: story.featuredCredit,
    seoTitle: story.seoTitle,
    seoDescription: story.seoDescription,
    sectionId: story.sectionId,
    language: story.language,
    featuredMediaId: story.featuredMediaId,
    tags: [...story.tags],
    bylines: story.bylines.map((b) => ({ userId: b.userId, name: b.name })),
  };
}

export function StoryEditor({ story, viewer, canEdit, readOnlyReason, sections, staff, tagSuggestions, defaultLanguage, imageOrigins, sidebar }: StoryEditorProps) {
  const initialFields = useMemo(() => fieldsOfStory(story), [story]);

  // ---- the shared document ------------------------------------------------------------------

  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const created = new CollabSession({ storyId: story.id, userId: viewer.id, url: collabUrl(window.location, story.id) });
    announce(created.provider.awareness!, { id: viewer.id, name: viewer.name, color: colourFor(viewer.id) });
    // The connection is an external system made on mount (never during the server render); the
    // editor, the fields and the save state all render from it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(created);
    return () => {
      setSession(null);
      created.destroy();
    };
  }, [story.id, viewer.id, viewer.name]);
  // Only what changes the editor itself: the save state re-renders on its own (SaveStatus).
  const everSynced = useSnapshotValue(session, (s) => s.everSynced);
  const localLoaded = useSnapshotValue(session, (s) => s.localLoaded);
  const ended = useSnapshotValue(session, (s) => s.ended);
  const fields = useFieldValues(session, initialFields, defaultLanguage);
  // Edits wait for the document (from the server, or this browser's copy when offline): typing
  // into an empty stand-in would duplicate the story when the real one arrives.
  const documentReady = session !== null && (everSynced || (localLoaded && hasDocument(session.doc)));
  const editable = canEdit && documentReady && ended === null;
  const editableRef = useRef(editable);

  // ---- the body editor ----------------------------------------------------------------------

  const editorRef = useRef<Editor | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [wordCount, setWordCount] = useState(story.wordCount);
  const [linkOpen, setLinkOpen] = useState(false);
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);
  const uploadPositions = useRef(new Map<string, number>());
  const [figureFocus, setFigureFocus] = useState(0);
  const [featuredPreview, setFeaturedPreview] = useState<string | null>(null);
  const bodyFileInput = useRef<HTMLInputElement>(null);
  const lastLocalChangeAt = useRef(0);
  // When someone else's change to the story last arrived (after the story had loaded): a workflow
  // action right after it must not count that change as read (see the flush below).
  const lastRemoteChangeAt = useRef(0);
  const documentReadyRef = useRef(false);
  useEffect(() => {
    documentReadyRef.current = documentReady;
  }, [documentReady]);
  useEffect(() => {
    if (!session) return;
    // Changes from the server (other people, body or fields) arrive with the provider as origin.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === session.provider && documentReadyRef.current) lastRemoteChangeAt.current = Date.now();
    };
    session.doc.on("update", onUpdate);
    return () => session.doc.off("update", onUpdate);
  }, [session]);
  const siteOrigin = useSyncExternalStore(subscribeToNothing, () => window.location.origin, () => "");

  // Counting walks the whole text: never per keystroke, but still every 2 s during long bursts.
  const [wordTimer] = useState(() => new PauseTimer(WORD_COUNT_DELAY_MS, WORD_COUNT_MAX_WAIT_MS));
  const scheduleWordCount = useCallback(
    () =>
      wordTimer.schedule(() => {
        const ed = editorRef.current;
        if (ed && !ed.isDestroyed) setWordCount(countWords(bodyText(ed)));
      }),
    [wordTimer],
  );

  const setValue = useCallback(
    <K extends "sectionId" | "language" | "featuredMediaId" | "tags" | "bylines">(key: K, value: FieldValues[K]) => {
      if (!session || !editableRef.current) return;
      lastLocalChangeAt.current = Date.now();
      writeValue(session.doc, key, value);
    },
    [session],
  );
  const setText = useCallback(
    (key: TextFieldName, value: string) => {
      if (!session || !editableRef.current) return;
      lastLocalChangeAt.current = Date.now();
      writeText(session.doc, key, value);
    },
    [session],
  );

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
        setValue("featuredMediaId", result.id);
        return;
      }
      const ed = editorRef.current;
      if (!ed || ed.isDestroyed || !ed.isEditable) return;
      const attrs = { ...FIGURE_DEFAULTS, src: result.url, alt: result.alt, mediaId: result.id, width: result.width || null, height: result.height || null };
      const size = ed.state.doc.content.size;
      const where = Math.min(Math.max(at ?? ed.state.selection.head, 0), size);
      const inserted = ed.chain().setTextSelection(where).insertFigure(attrs).run();
      if (!inserted) {
        setUploads((list) => [...list, { key, name, progress: 0, error: "The uploaded image has an address the editor cannot use." }]);
        return;
      }
      const figurePos = findFigurePos(ed, result.id, result.url);
      if (figurePos !== null) {
        ed.view.dispatch(ed.state.tr.setSelection(NodeSelection.create(ed.state.doc, figurePos)).scrollIntoView());
        setFigureFocus((n) => n + 1);
      }
    },
    [setValue],
  );

  const imageFiles = (list: FileList | null | undefined) => Array.from(list ?? []).filter((f) => f.type.startsWith("image/"));

  // The editor outlives renders; its DOM handlers reach the latest closures through this ref.
  const handlersRef = useRef<{
    paste: (view: EditorView, event: ClipboardEvent) => boolean;
    drop: (view: EditorView, event: DragEvent, moved: boolean) => boolean;
    keyDown: (view: EditorView, event: KeyboardEvent) => boolean;
  }>({ paste: () => false, drop: () => false, keyDown: () => false });
  useEffect(() => {
    handlersRef.current = {
      paste: (view, event) => {
        const data = event.clipboardData;
        // Word and Docs also put a picture of copied text on the clipboard: text wins.
        if (!data || data.getData("text/html") || data.getData("text/plain")) return false;
        const files = imageFiles(data.files);
        if (files.length === 0 || !editableRef.current) return false;
        event.preventDefault();
        for (const file of files) void startUpload(file, "body", view.state.selection.head);
        return true;
      },
      drop: (view, event, moved) => {
        if (moved || !editableRef.current) return false;
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

  const languageRef = useRef(fields.language);
  const imageOriginsRef = useRef(imageOrigins ?? []);
  useLayoutEffect(() => {
    if (!session) return;
    const created = new Editor({
      extensions: [
        ...contentExtensions,
        // Paste clean-up adds behaviour and no schema.
        PasteCleanup.configure({ imageOrigins: imageOriginsRef.current }),
        Collaboration.configure({ document: session.doc, field: BODY_FIELD }),
        CollaborationCarets.configure({ awareness: session.provider.awareness }),
      ],
      editable: false,
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
    });
    const onUpdate = ({ transaction }: { transaction: Transaction }) => {
      if (transaction.docChanged) scheduleWordCount();
    };
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (!transaction.docChanged) return;
      // Changes from the shared document (other people) carry the sync plugin's meta.
      if (!transaction.getMeta("y-sync$")) lastLocalChangeAt.current = Date.now();
      for (const [key, pos] of uploadPositions.current) uploadPositions.current.set(key, transaction.mapping.map(pos));
    };
    created.on("update", onUpdate);
    created.on("transaction", onTransaction);
    editorRef.current = created;
    setEditor(created);
    return () => {
      created.off("update", onUpdate);
      created.off("transaction", onTransaction);
      editorRef.current = null;
      setEditor(null);
      created.destroy();
    };
  }, [session, scheduleWordCount]);

  // Pasted pictures go through the upload (and land where they were in the text); images that
  // could not come along are counted for the writer.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    return connectPasteHandlers(editor, {
      onPastedImages: (images) => {
        for (const image of images) void startUpload(image.file, "body", image.pos, image.alt);
      },
      onDroppedImages: (count) => setPasteNotice(droppedImagesNotice(count)),
    });
  }, [editor, startUpload]);

  // Editable once the document is here, for as long as the policy (the page) and the server allow.
  useEffect(() => {
    editableRef.current = editable;
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  useEffect(() => {
    // Re-evaluates the attributes function, so dir/lang follow the language at once.
    languageRef.current = fields.language;
    if (!editor || editor.isDestroyed) return;
    try {
      editor.view.setProps({});
    } catch {
      // not mounted yet
    }
  }, [editor, fields.language]);

  // ---- saving, leaving, and the workflow buttons --------------------------------------------

  useEffect(() => {
    if (!session) return;
    // Workflow buttons ("Submit for review"…) act on the stored story: first the server must have
    // every change, then the working copy it writes from them at most a second later.
    // The version handed back is the stored one, which is the text on screen: publishing names it
    // as the version the editor read.
    const unregisterFlush = registerEditorFlush(async () => {
      if (!(await session.whenSaved(15_000))) return { stored: false, version: null };
      const wait = lastLocalChangeAt.current + WORKING_COPY_DELAY_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Only this person's own changes since the page loaded count as read. Untouched, or changed by
      // someone else meanwhile (typed live, or saved through the scripts' endpoint, which reaches
      // this screen a moment after the server has it): name the version the page was loaded with,
      // so the server shows what changed since and the editor acts again after reading it.
      if (lastLocalChangeAt.current === 0 || lastRemoteChangeAt.current !== 0) return { stored: true, version: null };
      const response = await fetch(`/api/stories/${encodeURIComponent(story.id)}`, { cache: "no-store" }).catch(() => null);
      const stored = response?.ok ? ((await response.json().catch(() => null)) as { version?: unknown } | null) : null;
      return { stored: true, version: typeof stored?.version === "number" ? stored.version : null };
    });
    const onKeyDown = (event: KeyboardEvent) => {
      // Everything is saved as it is typed; Ctrl+S must not open the browser's "Save page".
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") event.preventDefault();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges(session.getSnapshot())) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the "leave site?" prompt.
      event.returnValue = "";
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      unregisterFlush();
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("beforeunload", onBeforeUnload);
      wordTimer.cancel();
    };
  }, [session, wordTimer, story.id]);

  const isLive = story.live !== null && story.status === "published";

  // ---- render -------------------------------------------------------------------------------

  const dir = languageDir(fields.language);
  const headlineLength = fields.headline.trim().length;
  const slugInvalid = fields.slug !== "" && !isValidSlug(fields.slug);
  const sectionPath = sections.find((s) => s.id === fields.sectionId)?.path;
  const publicAddress = `${siteOrigin}/${sectionPath ? `${sectionPath}/` : ""}${fields.slug || "…"}`;
  const text = (key: TextFieldName) => (session && documentReady ? sharedText(session.doc, key) : null);
  const fieldReadOnly = !editable;
  const liveDiffers = isLive && story.live !== null && story.version !== story.live.storyVersion;

  return (
    <div className="story-editor">
      <div className="story-editor-bar">
        <p className="story-status">Status: {STATUS_LABELS[story.status]}</p>
        <SaveStatus session={session} fallback={NO_SNAPSHOT} canEdit={canEdit} isLive={isLive} lastLocalChangeAt={lastLocalChangeAt} />
        <p className="word-count">
          {wordCount.toLocaleString("en")} {wordCount === 1 ? "word" : "words"} · {readingMinutes(wordCount)} min read
        </p>
        {story.view !== "live" ? <Link href={`/desk/stories/${story.id}/history`}>History</Link> : null}
        {story.live && story.status === "published" ? (
          <a href={story.live.path} target="_blank" rel="noopener">
            View live
          </a>
        ) : null}
        {liveDiffers ? <p className="live-differs">Live version differs</p> : null}
      </div>

      {session ? <EditingNow awareness={session.provider.awareness!} viewerId={viewer.id} /> : null}
      {!canEdit && readOnlyReason ? <p className="read-only-note">{readOnlyReason}</p> : null}
      {ended ? (
        <div role="alert" className="form-error">
          <p>{ENDED_MESSAGES[ended]}</p>
          {ended === "refused" ? (
            <button type="button" className="button" onClick={() => window.location.reload()}>
              Reload the story
            </button>
          ) : null}
        </div>
      ) : null}

      <div className="story-editor-grid">
        <div className="story-editor-main" lang={fields.language} dir={dir}>
          <div className="field">
            <label htmlFor="story-headline">Headline</label>
            <SharedTextField
              id="story-headline"
              className="headline-input"
              text={text("headline")}
              readOnly={fieldReadOnly}
              onText={(next) => setText("headline", next)}
              aria-invalid={headlineLength > 300 ? true : undefined}
              aria-describedby="story-headline-error"
              dir={dir}
              autoComplete="off"
            />
            <p id="story-headline-error" className="field-error" aria-live="polite">
              {headlineLength > 300 ? `Keep the headline under 300 characters (${headlineLength} now).` : null}
            </p>
          </div>
          <div className="field">
            <label htmlFor="story-standfirst">Standfirst</label>
            <SharedTextField multiline id="story-standfirst" rows={2} text={text("standfirst")} readOnly={fieldReadOnly} onText={(next) => setText("standfirst", next)} dir={dir} />
          </div>

          <div className="body-field">
            <span className="field-label" aria-hidden="true">
              Story body
            </span>
            {editor && editable ? (
              <EditorToolbar
                editor={editor}
                editorId={BODY_ID}
                onLink={() => {
                  flushDomSelection(editor.view);
                  setLinkOpen(true);
                }}
                onImage={() => bodyFileInput.current?.click()}
              />
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
            {editor && editable ? <FigureDetails editor={editor} focusRequest={figureFocus} /> : null}
            {editor && editable ? <TableDetails editor={editor} /> : null}
            <EditorContent editor={editor} className="story-body-host" />
            {!editor || !documentReady ? <p className="muted editor-loading">Loading the story…</p> : null}
            <p id="story-body-error" className="field-error" aria-live="polite" />
          </div>

          <div className="field">
            <label htmlFor="story-source">Source</label>
            <SharedTextField id="story-source" text={text("sourceLine")} readOnly={fieldReadOnly} onText={(next) => setText("sourceLine", next)} placeholder="(Source: …)" dir={dir} />
          </div>
        </div>

        <aside className="story-editor-side" aria-label="Story details">
          <div className="field">
            <label htmlFor="story-section">Section</label>
            <select id="story-section" value={fields.sectionId ?? ""} disabled={fieldReadOnly} onChange={(event) => setValue("sectionId", event.target.value || null)}>
              <option value="">No section yet</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="story-language">Story language</label>
            <select id="story-language" value={fields.language} disabled={fieldReadOnly} onChange={(event) => setValue("language", event.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name === l.nativeName ? l.name : `${l.name} (${l.nativeName})`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="story-slug">Slug</label>
            <SharedTextField
              id="story-slug"
              text={text("slug")}
              readOnly={fieldReadOnly}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              onText={(next) => setText("slug", next.trim().toLowerCase())}
              aria-invalid={slugInvalid ? true : undefined}
              aria-describedby="story-slug-hint story-slug-error"
            />
            <small id="story-slug-hint">
              Public address: <span dir="ltr" className="slug-address">{publicAddress}</span>
            </small>
            {editable && fields.headline.trim() && fields.slug !== suggestSlug(fields.headline) ? (
              <button type="button" className="link-button" onClick={() => setText("slug", suggestSlug(fields.headline))}>
                Suggest from headline
              </button>
            ) : null}
            <p id="story-slug-error" className="field-error" aria-live="polite">
              {slugInvalid ? "Use only lower-case letters, digits and single hyphens." : null}
            </p>
          </div>
          <TagInput tags={fields.tags} suggestions={tagSuggestions} disabled={fieldReadOnly} onChange={(tags) => setValue("tags", tags)} />
          <BylineInput bylines={fields.bylines} staff={staff} disabled={fieldReadOnly} onChange={(bylines) => setValue("bylines", bylines)} />
          <FeaturedImageField
            mediaId={fields.featuredMediaId}
            previewUrl={featuredPreview}
            caption={text("featuredCaption")}
            credit={text("featuredCredit")}
            disabled={fieldReadOnly}
            onUpload={(file) => void startUpload(file, "featured", null)}
            onRemove={() => setValue("featuredMediaId", null)}
            onText={(key, next) => setText(key, next)}
          />
          <fieldset className="seo-fields">
            <legend>Search and sharing</legend>
            <div className="field">
              <label htmlFor="story-seo-title">SEO title</label>
              <SharedTextField
                id="story-seo-title"
                text={text("seoTitle")}
                readOnly={fieldReadOnly}
                placeholder={fields.headline}
                onText={(next) => setText("seoTitle", next)}
                aria-describedby="story-seo-title-hint"
                dir={dir}
              />
              <small id="story-seo-title-hint">Leave empty to use the headline.</small>
            </div>
            <div className="field">
              <label htmlFor="story-seo-description">SEO description</label>
              <SharedTextField
                multiline
                id="story-seo-description"
                rows={3}
                text={text("seoDescription")}
                readOnly={fieldReadOnly}
                placeholder={fields.standfirst}
                onText={(next) => setText("seoDescription", next)}
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
