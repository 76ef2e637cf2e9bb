/**
 * One browser's end of a story's shared document: the Y.Doc, its copy in IndexedDB (so changes
 * made offline survive a reload or a browser restart) and the Hocuspocus provider on the
 * production server's own port (`/desk/collab/<storyId>`, ws or wss as the page). The session
 * cookie rides along with the upgrade; the token sent inside the socket is only a placeholder.
 *
 * The state the editor shows (save state, whether it may be edited, why it stopped) is a plain
 * snapshot, read with useSyncExternalStore.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { BODY_FIELD, FIELDS_MAP } from "@/lib/collab/shape-names";

/** Why the server closed this browser's socket for good (lib/collab/server.ts, CLOSE). */
export type SessionEnd = "session-ended" | "forbidden" | "refused";

const ENDING_CLOSE_CODES: Record<number, SessionEnd> = {
  4401: "session-ended",
  4403: "forbidden",
  4422: "refused",
  // A message the server could not read or would not take: the same as a refused change.
  4400: "refused",
  1009: "refused",
};

export type CollabSnapshot = {
  connection: "connecting" | "connected" | "disconnected";
  /** Has been disconnected since it last had a connection (or never got one): "Offline". */
  offline: boolean;
  /** The server's copy and this browser's have been exchanged on the current connection. */
  synced: boolean;
  /** Changes sent to the server that it has not acknowledged as stored. */
  unsynced: number;
  /** The server's copy has reached this browser at least once since the page opened. */
  everSynced: boolean;
  /** This browser's own copy (IndexedDB) has been read, or there is none to read. */
  localLoaded: boolean;
  /** Someone here changed the document since the server last had every change. */
  pendingLocal: boolean;
  ended: SessionEnd | null;
};

/** Transaction origin of this person's own changes to the fields (the editor has its own). */
export const LOCAL_FIELD_EDIT = Symbol("local field edit");

export function collabUrl(location: Pick<Location, "protocol" | "host">, storyId: string): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/desk/collab/${encodeURIComponent(storyId)}`;
}

/** The IndexedDB database holding one person's copy of one story. */
export function localCopyName(storyId: string, userId: string): string {
  return `dateline:story:${storyId}:${userId}`;
}

/** Whether the document has arrived (from the server or this browser's copy) and may be edited. */
export function hasDocument(doc: Y.Doc): boolean {
  return doc.getXmlFragment(BODY_FIELD).length > 0 && doc.getMap(FIELDS_MAP).size > 0;
}

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  private readonly local: IndexeddbPersistence | null;
  private snapshot: CollabSnapshot = {
    connection: "connecting",
    offline: false,
    synced: false,
    unsynced: 0,
    everSynced: false,
    localLoaded: false,
    pendingLocal: false,
    ended: null,
  };
  private readonly listeners = new Set<() => void>();
  private destroyed = false;

  constructor(options: { storyId: string; userId: string; url: string }) {
    this.local = openLocalCopy(localCopyName(options.storyId, options.userId), this.doc);
    if (this.local) void this.local.whenSynced.then(() => this.update({ localLoaded: true }));
    else this.snapshot.localLoaded = true;

    this.socket = new HocuspocusProviderWebsocket({ url: options.url, maxAttempts: 0, delay: 500, minDelay: 500, maxDelay: 5_000 });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: options.storyId, document: this.doc, token: "session-cookie" });
    this.provider.on("status", ({ status }: { status: WebSocketStatus }) => {
      const connection = status === WebSocketStatus.Connected ? "connected" : status === WebSocketStatus.Connecting ? "connecting" : "disconnected";
      this.update({
        connection,
        offline: connection === "connected" ? false : connection === "disconnected" ? true : this.snapshot.offline,
        synced: connection === "connected" ? this.snapshot.synced : false,
      });
    });
    this.provider.on("synced", () => this.refreshSync());
    this.provider.on("unsyncedChanges", () => this.refreshSync());
    this.provider.on("close", ({ event }: { event: { code: number } }) => {
      this.update({ synced: false });
      const ended = ENDING_CLOSE_CODES[event.code];
      // Reconnecting would be refused the same way (or loop over the same refused change).
      if (ended) this.end(ended);
    });
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local) return;
      if (!this.snapshot.pendingLocal) this.update({ pendingLocal: true });
    });
    this.provider.attach();
  }

  private refreshSync(): void {
    const synced = this.provider.isSynced;
    const unsynced = this.provider.unsyncedChanges;
    const everSynced = this.snapshot.everSynced || synced;
    const saved = synced && unsynced === 0 && this.snapshot.connection === "connected";
    this.update({ synced, unsynced, everSynced, pendingLocal: saved ? false : this.snapshot.pendingLocal });
  }

  private end(reason: SessionEnd): void {
    this.socket.disconnect();
    if (reason === "refused" && this.local) {
      // The refused change is in this browser's copy: keeping it would send it again on every
      // visit. The server's copy is what stays.
      void this.local.clearData().catch(() => undefined);
    }
    this.update({ ended: reason, connection: "disconnected", offline: true, synced: false });
  }

  private update(patch: Partial<CollabSnapshot>): void {
    if (this.destroyed) return;
    const next = { ...this.snapshot, ...patch };
    if ((Object.keys(patch) as Array<keyof CollabSnapshot>).every((key) => next[key] === this.snapshot[key])) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CollabSnapshot => this.snapshot;

  /** Resolves true once the server has every change made here (or false after `timeoutMs`). */
  whenSaved(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const isSaved = () => this.snapshot.connection === "connected" && this.snapshot.synced && this.snapshot.unsynced === 0;
      if (isSaved()) return resolve(true);
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.subscribe(() => {
        if (!isSaved()) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.provider.destroy();
    this.socket.destroy();
    void this.local?.destroy();
    this.doc.destroy();
  }
}

function openLocalCopy(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  try {
    return typeof indexedDB === "undefined" ? null : new IndexeddbPersistence(name, doc);
  } catch {
    // Private modes may refuse IndexedDB: the editor still works, only not offline.
    return null;
  }
}
