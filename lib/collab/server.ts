import "server-only";
/**
 * The collaboration endpoint: Hocuspocus (server 3.4) on the production server's own port, for
 * `/desk/collab/<storyId>`. One socket serves one story.
 *
 * - Before the upgrade: Origin, the per-address open throttle, the session cookie (checked against
 *   the database like every request) and the right to see the story. A refusal is an HTTP answer;
 *   no socket is made.
 * - On connect: read-only unless the policy lets this person edit the story in its state, and
 *   always while the story is in the trash.
 * - Every document change is tried on a copy of the document, derived into a working copy and
 *   validated; refused changes close the socket and store nothing. Accepted ones are appended to
 *   the update log and only then applied, so Hocuspocus's acknowledgement (its sync status, which
 *   the provider counts as "unsynced changes") means "stored".
 * - Once a second every open socket is re-checked: an ended session closes it, a story that
 *   became read-only for someone (a workflow state, the trash) turns their socket read-only, a
 *   story saved another way is rebuilt into the document.
 * - The working copy is written through saveStory (the story commands stay the only writers of
 *   story rows) at most 1 s after the last change.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Connection, type Document } from "@hocuspocus/server";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { canEditStory, canReadStoryWorkingCopy, type StoryAccessInfo, type Viewer } from "@/lib/auth/policy";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { checkSession, type Viewer as SessionViewer } from "@/lib/auth/session";
import { decodeSessionCookie, isWithinSessionLimits, readSessionClaims, type SessionClaims } from "@/lib/auth/session-token";
import { sessionCookieName, shouldUseSecureCookies } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";
import { findUsersByIds } from "@/lib/people/queries";
import { saveStory } from "@/lib/stories/commands";
import { checkDraftReferences, loadStoriesAccess, loadStoryAccess, readEditorStory, type EditorStory } from "@/lib/stories/queries";
import type { StoryDraft } from "@/lib/stories/schemas";
import { appendDocumentUpdate, compactDocument, recordDerivedVersion, storeInitialDocument } from "./commands";
import { cloneDocument, TEXT_FIELDS, writeWorkingCopy } from "./document-shape";
import { deriveWorkingCopy, encodedDocumentBytes, MAX_DOCUMENT_BYTES, type RowFallback } from "./derive";
import { isAllowedOrigin, OpenThrottle, readCookie, storyIdFromPath } from "./handshake";
import { readMessage } from "./messages";
import { loadStoredDocument } from "./queries";

export const COLLAB_LIMITS = {
  /** Largest single WebSocket message: a pasted 2 MB body with its encoding overhead. */
  maxMessageBytes: 4 * 1024 * 1024,
  /** Socket opens per address per minute. */
  opensPerMinute: 300,
  /** Bytes queued for a client that is not reading before it is dropped. */
  maxBufferedBytes: 16 * 1024 * 1024,
  /** How often sessions, rights and story versions are re-checked. */
  recheckMs: 1000,
  /** The working copy is written this long after a change, and never later than maxDeriveDelayMs. */
  deriveDebounceMs: 400,
  maxDeriveDelayMs: 1000,
  /** Log rows after which a document is compacted in the background. */
  compactAfterUpdates: 500,
} as const;

/** WebSocket close codes the client can act on (4000-4999 are the application's). */
export const CLOSE = {
  malformed: { code: 4400, reason: "malformed-message" },
  sessionEnded: { code: 4401, reason: "session-ended" },
  forbidden: { code: 4403, reason: "forbidden" },
  refused: { code: 4422, reason: "change-refused" },
  unavailable: { code: 4503, reason: "server-error" },
} as const;

type ConnectionContext = { viewer: SessionViewer; claims: SessionClaims & { exp?: number }; storyId: string };

/** What the server keeps per open document besides the Y.Doc itself. */
type DocumentState = {
  storyId: string;
  derivedVersion: number;
  /** Everyone whose changes are not in the working copy yet, latest last. */
  contributors: Map<string, Viewer>;
  /** The last working copy tried, to check references only when they change. */
  lastReferences: string;
  /** Serialises tries, stores and rebuilds of one document. */
  queue: Promise<unknown>;
  pendingLogRows: number;
  deriving: boolean;
  /** The row's headline and slug, kept while the document's are momentarily unusable. */
  fallback: RowFallback;
};

export class CollabRefusal extends Error {
  constructor(
    readonly close: { code: number; reason: string },
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether this person's socket may change the story: the policy for its state, and never while
 * the story is in the trash (a trashed story is read-only for everyone, like one in review).
 */
function mayWrite(viewer: Viewer, story: StoryAccessInfo & { trashed?: boolean }): boolean {
  return !story.trashed && canEditStory(viewer, story).ok;
}

function inQueue<T>(state: DocumentState, task: () => Promise<T>): Promise<T> {
  const run = state.queue.then(task, task);
  state.queue = run.catch(() => undefined);
  return run;
}

function httpRefusal(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

function fallbackOf(story: RowFallback): RowFallback {
  return Object.fromEntries(TEXT_FIELDS.map((field) => [field, story[field]])) as RowFallback;
}

function referencesOf(draft: StoryDraft): string {
  return JSON.stringify([draft.sectionId, draft.featuredMediaId, draft.bylines, draft.slug]);
}

function sharedFieldsOf(story: EditorStory): Parameters<typeof writeWorkingCopy>[1] {
  return {
    body: story.body,
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
    tags: story.tags,
    bylines: story.bylines,
  };
}

/** Closes the socket itself (Hocuspocus's own close only leaves the document). */
function closeSocket(connection: Connection, close: { code: number; reason: string }): void {
  try {
    connection.close(close);
  } finally {
    connection.webSocket.close(close.code, close.reason);
  }
}

export type CollabServer = {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open documents and sockets, for the benchmark and tests. */
  stats(): { documents: number; connections: number };
  /** Writes the working copy of every open document now, instead of at the end of its debounce. */
  flush(): Promise<void>;
  /** Writes every pending working copy and stops. */
  close(): Promise<void>;
  hocuspocus: Hocuspocus;
};

export function createCollabServer(options: { opensPerMinute?: number } = {}): CollabServer {
  const states = new Map<string, DocumentState>();
  const throttle = new OpenThrottle(options.opensPerMinute ?? COLLAB_LIMITS.opensPerMinute);
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_LIMITS.maxMessageBytes });
  let closed = false;

  async function loadDocument(document: Document, storyId: string): Promise<DocumentState> {
    let stored = await loadStoredDocument(storyId);
    const story = await readEditorStory(storyId);
    if (!story) throw new CollabRefusal(CLOSE.forbidden, "The story no longer exists.");
    if (!stored.state) {
      const first = new Y.Doc();
      writeWorkingCopy(first, sharedFieldsOf(story));
      await storeInitialDocument(storyId, Y.encodeStateAsUpdate(first), story.version);
      first.destroy();
      // Whoever stored first wins; everyone loads that one.
      stored = await loadStoredDocument(storyId);
    }
    Y.applyUpdate(document, stored.state!);
    for (const update of stored.updates) Y.applyUpdate(document, update);
    const state: DocumentState = {
      storyId,
      derivedVersion: stored.derivedVersion!,
      contributors: new Map(),
      lastReferences: "",
      queue: Promise.resolve(),
      pendingLogRows: stored.updates.length,
      deriving: false,
      fallback: fallbackOf(story),
    };
    if (story.version > state.derivedVersion) {
      // Saved through the HTTP editor since (temporary until the editor binds to the document).
      await rebuildFromRow(document, state, story);
    }
    const derived = deriveWorkingCopy(document, state.fallback);
    if (derived.ok) state.lastReferences = referencesOf(derived.draft);
    return state;
  }

  /** Makes the document match the story row; the change is stored before anyone receives it. */
  async function rebuildFromRow(document: Y.Doc, state: DocumentState, story: EditorStory): Promise<void> {
    const probe = cloneDocument(document);
    const before = Y.encodeStateVector(probe);
    writeWorkingCopy(probe, sharedFieldsOf(story));
    const update = Y.encodeStateAsUpdate(probe, before);
    probe.destroy();
    if (!Y.snapshotContainsUpdate(Y.snapshot(document), update)) {
      await appendDocumentUpdate(state.storyId, update);
      state.pendingLogRows++;
      // No origin: Hocuspocus broadcasts it but does not schedule a derive of what came from the row.
      Y.applyUpdate(document, update);
    }
    state.derivedVersion = story.version;
    state.fallback = fallbackOf(story);
    await recordDerivedVersion(state.storyId, story.version);
  }

  /** Tries, stores and applies one client update; throws CollabRefusal to refuse it. */
  async function acceptChange(document: Document, state: DocumentState, connection: Connection, update: Uint8Array): Promise<void> {
    let containsOnlyKnown: boolean;
    try {
      containsOnlyKnown = Y.snapshotContainsUpdate(Y.snapshot(document), update);
    } catch {
      throw new CollabRefusal(CLOSE.malformed, "The change could not be read.");
    }
    // A resend after a reconnect: nothing new, nothing to store; Hocuspocus acknowledges it.
    if (containsOnlyKnown) return;
    const probe = cloneDocument(document);
    try {
      try {
        Y.applyUpdate(probe, update);
      } catch {
        throw new CollabRefusal(CLOSE.malformed, "The change could not be read.");
      }
      if (encodedDocumentBytes(probe) > MAX_DOCUMENT_BYTES) throw new CollabRefusal(CLOSE.refused, "The story document is too large.");
      const derived = deriveWorkingCopy(probe, state.fallback);
      if (!derived.ok) throw new CollabRefusal(CLOSE.refused, derived.message);
      const references = referencesOf(derived.draft);
      if (references !== state.lastReferences) {
        const checked = await checkDraftReferences(state.storyId, derived.draft);
        if (!checked.ok) throw new CollabRefusal(CLOSE.refused, checked.message);
        state.lastReferences = references;
      }
    } finally {
      probe.destroy();
    }
    await appendDocumentUpdate(state.storyId, update);
    state.pendingLogRows++;
    const viewer = (connection.context as ConnectionContext).viewer;
    state.contributors.delete(viewer.id);
    state.contributors.set(viewer.id, { id: viewer.id, role: viewer.role });
    Y.applyUpdate(document, update, connection);
  }

  /** Writes the working copy through saveStory, as the latest contributor who may still edit. */
  async function deriveIntoStory(document: Document, state: DocumentState): Promise<void> {
    if (state.contributors.size === 0) return;
    const story = await readEditorStory(state.storyId);
    if (!story) return;
    // If the row changed another way since, saveStory refuses with a conflict and keeps the
    // document's text as a conflict revision; the document is then rebuilt from the row.
    const derived = deriveWorkingCopy(document, fallbackOf(story));
    if (!derived.ok) {
      console.error(`Shared document of story ${state.storyId} no longer derives: ${derived.message}`);
      return;
    }
    // A new story without a headline yet: the document holds the text until it has one.
    if (derived.incomplete) return;
    const draft = { ...derived.draft };
    const references = await checkDraftReferences(state.storyId, draft);
    if (references.ok && references.slugTaken) draft.slug = story.slug;
    const contributors = [...state.contributors.values()].reverse();
    const contributed = new Set(state.contributors.keys());
    for (const viewer of contributors) {
      const result = await saveStory(viewer, { storyId: state.storyId, baseVersion: state.derivedVersion, kind: "autosave", draft });
      if (result.ok) {
        for (const id of contributed) state.contributors.delete(id);
        state.derivedVersion = result.version;
        state.fallback = fallbackOf({ ...draft, slug: result.slug });
        await recordDerivedVersion(state.storyId, result.version);
        return;
      }
      if (result.kind === "conflict") {
        for (const id of contributed) state.contributors.delete(id);
        await rebuildFromRow(document, state, result.server);
        return;
      }
      if (result.kind !== "forbidden") {
        console.error(`Working copy of story ${state.storyId} refused: ${result.message}`);
        return;
      }
      // Forbidden: this person lost the right to edit since; try someone who still has it.
    }
  }

  async function compactInBackground(state: DocumentState): Promise<void> {
    if (state.pendingLogRows === 0) return;
    const folded = await compactDocument(state.storyId);
    state.pendingLogRows = Math.max(0, state.pendingLogRows - folded.folded);
  }

  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: COLLAB_LIMITS.deriveDebounceMs,
    maxDebounce: COLLAB_LIMITS.maxDeriveDelayMs,
    // One story, one document name: the story id. The socket's address names the same story.
    async onAuthenticate({ documentName, context, connectionConfig }) {
      const ctx = context as ConnectionContext;
      if (documentName !== ctx.storyId) throw CLOSE.forbidden;
      const access = await loadStoryAccess(ctx.storyId);
      if (!access || !canReadStoryWorkingCopy(ctx.viewer, access).ok) throw CLOSE.forbidden;
      connectionConfig.readOnly = !mayWrite(ctx.viewer, access);
    },
    async onLoadDocument({ document, documentName }) {
      states.set(documentName, await loadDocument(document, documentName));
    },
    async beforeHandleMessage({ connection, document, update: data }) {
      const message = readMessage(data);
      try {
        if (message.kind === "malformed") throw new CollabRefusal(CLOSE.malformed, "The message could not be read.");
        if (message.kind === "refused") throw new CollabRefusal(CLOSE.malformed, "This kind of message is not accepted.");
        if (message.kind !== "change" || connection.readOnly) return;
        const state = states.get(document.name);
        if (!state) throw new CollabRefusal(CLOSE.unavailable, "The document is not open.");
        await inQueue(state, () => acceptChange(document, state, connection, message.update));
      } catch (error) {
        const refusal = error instanceof CollabRefusal ? error : new CollabRefusal(CLOSE.unavailable, "The change could not be stored.");
        if (!(error instanceof CollabRefusal)) console.error(`Collaboration: a change to story ${document.name} failed`, error);
        else console.warn(`Collaboration: refused a change to story ${document.name} (${refusal.close.reason}): ${refusal.message}`);
        closeSocket(connection, { code: refusal.close.code, reason: refusal.close.reason });
        throw { code: refusal.close.code, reason: refusal.close.reason };
      }
    },
    async onStoreDocument({ document, documentName }) {
      const state = states.get(documentName);
      if (!state) return;
      state.deriving = true;
      try {
        await inQueue(state, () => deriveIntoStory(document, state));
        if (state.pendingLogRows >= COLLAB_LIMITS.compactAfterUpdates) await inQueue(state, () => compactInBackground(state));
      } finally {
        state.deriving = false;
      }
    },
    async afterUnloadDocument({ documentName }) {
      const state = states.get(documentName);
      states.delete(documentName);
      if (state) await compactInBackground(state).catch((error) => console.error(`Compacting story ${documentName} failed`, error));
    },
  });

  /** Once a second: sessions, rights and story versions of everything open, in three queries. */
  async function recheck(): Promise<void> {
    const open: Array<{ document: Document; connection: Connection; context: ConnectionContext }> = [];
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) open.push({ document, connection, context: connection.context as ConnectionContext });
    }
    if (open.length === 0) return;
    const [users, access] = await Promise.all([
      findUsersByIds(open.map((o) => o.context.viewer.id)),
      loadStoriesAccess([...hocuspocus.documents.keys()]),
    ]);
    const now = Date.now();
    for (const { document, connection, context } of open) {
      const user = users.get(context.viewer.id);
      if (!user || !user.active || user.sessionEpoch !== context.claims.epoch || !isWithinSessionLimits(context.claims, now)) {
        closeSocket(connection, CLOSE.sessionEnded);
        continue;
      }
      const story = access.get(document.name);
      const viewer: Viewer = { id: user.id, role: user.role };
      if (!story || !canReadStoryWorkingCopy(viewer, story).ok) {
        closeSocket(connection, CLOSE.forbidden);
        continue;
      }
      connection.readOnly = !mayWrite(viewer, story);
    }
    for (const [name, document] of hocuspocus.documents) {
      const state = states.get(name);
      const story = access.get(name);
      if (!state || !story || state.deriving || state.contributors.size > 0 || story.version <= state.derivedVersion) continue;
      await inQueue(state, async () => {
        const row = await readEditorStory(name);
        if (row && row.version > state.derivedVersion && state.contributors.size === 0) await rebuildFromRow(document, state, row);
      });
    }
  }

  let rechecking = false;
  const timer = setInterval(() => {
    if (rechecking || closed) return;
    rechecking = true;
    recheck()
      .catch((error) => console.error("Collaboration: re-checking open sockets failed", error))
      .finally(() => (rechecking = false));
  }, COLLAB_LIMITS.recheckMs);
  timer.unref();

  /** A client that stops reading is dropped, not buffered for without bound. */
  function guardBackpressure(ws: WebSocket): void {
    const send = ws.send.bind(ws) as (data: unknown, cb?: (error?: Error) => void) => void;
    (ws as unknown as { send: typeof send }).send = (data, cb) => {
      if (ws.bufferedAmount > COLLAB_LIMITS.maxBufferedBytes) {
        ws.terminate();
        cb?.(new Error("client not reading"));
        return;
      }
      send(data, cb);
    };
  }

  async function admit(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const env = getEnv();
    const storyId = storyIdFromPath(request.url);
    if (!storyId) return httpRefusal(socket, 404, "Not Found");
    if (!isAllowedOrigin(request.headers, env.publicUrl ?? null)) return httpRefusal(socket, 403, "Forbidden");
    const address = clientIpFrom(request.headers, env.trustedProxies) ?? "unknown";
    if (!throttle.allow(address)) return httpRefusal(socket, 429, "Too Many Requests");
    const cookie = readCookie(request.headers.cookie, sessionCookieName(shouldUseSecureCookies()));
    const token = cookie ? await decodeSessionCookie(cookie) : null;
    const claims = readSessionClaims(token);
    const viewer = claims ? await checkSession(token) : null;
    if (!viewer || !claims) return httpRefusal(socket, 401, "Unauthorized");
    const access = await loadStoryAccess(storyId);
    // Missing and not yours look the same: nobody learns which drafts exist.
    if (!access || !canReadStoryWorkingCopy(viewer, access).ok) return httpRefusal(socket, 404, "Not Found");
    if (closed || socket.destroyed) return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => {
      guardBackpressure(ws);
      const context: ConnectionContext = { viewer, claims, storyId };
      hocuspocus.handleConnection(ws, request, context);
    });
  }

  return {
    hocuspocus,
    handleUpgrade(request, socket, head) {
      socket.on("error", () => socket.destroy());
      admit(request, socket, head).catch((error) => {
        console.error("Collaboration: a socket could not be opened", error);
        httpRefusal(socket, 503, "Service Unavailable");
      });
    },
    stats() {
      let connections = 0;
      for (const document of hocuspocus.documents.values()) connections += document.getConnectionsCount();
      return { documents: hocuspocus.documents.size, connections };
    },
    async flush() {
      for (const [name, document] of hocuspocus.documents) {
        const state = states.get(name);
        if (state) await inQueue(state, () => deriveIntoStory(document, state));
      }
    },
    async close() {
      closed = true;
      clearInterval(timer);
      for (const client of wss.clients) client.close(1001, "server-stopping");
      // Let the last changes reach the working copy before the database closes.
      for (const [name, document] of hocuspocus.documents) {
        const state = states.get(name);
        if (state) await inQueue(state, () => deriveIntoStory(document, state)).catch(() => undefined);
      }
      wss.close();
    },
  };
}
