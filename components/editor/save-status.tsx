"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { CollabSession, CollabSnapshot } from "./collab-session";
import { describeSaveState } from "./save-state";

/** The server writes the working copy at most this long after the last change (lib/collab). */
export const WORKING_COPY_DELAY_MS = 1_200;
/** Changes still unacknowledged this long on an open connection: the server may have made us read-only. */
const STUCK_SAVING_MS = 4_000;

const subscribeToNothing = () => () => {};

/**
 * The save state (`role="status"`), on its own: it changes with nearly every key (a change sent,
 * then acknowledged), and only this line should re-render for it, not the whole editor.
 */
export function SaveStatus({
  session,
  fallback,
  canEdit,
  isLive,
  lastLocalChangeAt,
}: {
  session: CollabSession | null;
  fallback: CollabSnapshot;
  canEdit: boolean;
  isLive: boolean;
  lastLocalChangeAt: React.RefObject<number>;
}) {
  const router = useRouter();
  const snapshot = useSyncExternalStore(session?.subscribe ?? subscribeToNothing, session?.getSnapshot ?? (() => fallback), () => fallback);
  const state = describeSaveState(snapshot, canEdit);

  // Changes the server keeps not acknowledging on an open connection: it has made this socket
  // read-only (the story moved on in the workflow, or rights changed). Ask the page again, so
  // the editor locks with the reason instead of saying "Saving…" for ever.
  const stuck = canEdit && snapshot.connection === "connected" && snapshot.synced && snapshot.unsynced > 0;
  useEffect(() => {
    if (!stuck) return;
    const timer = setTimeout(() => router.refresh(), STUCK_SAVING_MS);
    return () => clearTimeout(timer);
  }, [stuck, router]);

  // The first change staged on a live story: the server-rendered workflow panel must learn that
  // the working copy now differs (it offers "Publish update").
  const liveRefreshed = useRef(false);
  useEffect(() => {
    if (!isLive || liveRefreshed.current || state.kind !== "saved" || lastLocalChangeAt.current === 0) return;
    liveRefreshed.current = true;
    const timer = setTimeout(() => router.refresh(), WORKING_COPY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [isLive, state.kind, router, lastLocalChangeAt]);

  return (
    <p role="status" className={`save-state save-state-${state.kind}`}>
      {state.text}
    </p>
  );
}
