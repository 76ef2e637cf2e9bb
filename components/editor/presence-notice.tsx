"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { PresenceResponse } from "@/app/api/stories/[id]/presence/route";

/** Beats well inside the server's 20 s window, so a newcomer shows up within 15 s. */
export const PRESENCE_INTERVAL_MS = 10_000;

function presenceUrl(storyId: string): string {
  return `/api/stories/${encodeURIComponent(storyId)}/presence`;
}

async function beat(storyId: string, clientId: string): Promise<PresenceResponse> {
  const response = await fetch(presenceUrl(storyId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ clientId }),
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`presence ${response.status}`);
  return (await response.json()) as PresenceResponse;
}

function leave(storyId: string, clientId: string): void {
  const payload = JSON.stringify({ clientId, leave: true });
  // text/plain keeps sendBeacon free of a CORS preflight; the handler parses the text itself.
  if (typeof navigator !== "undefined" && navigator.sendBeacon?.(presenceUrl(storyId), new Blob([payload], { type: "text/plain" }))) return;
  void fetch(presenceUrl(storyId), { method: "POST", body: payload, keepalive: true }).catch(() => {});
}

export function describeOthers(others: PresenceResponse["others"]): string | null {
  if (others.length === 0) return null;
  const names = others.map((o) => (o.isViewer ? `${o.name} (you, in another tab)` : o.name));
  const unique = [...new Set(names)];
  if (unique.length === 1) return `${unique[0]} is also editing`;
  const last = unique.pop();
  return `${unique.join(", ")} and ${last} are also editing`;
}

/** "Rana Haddad is also editing": refreshed by a heartbeat that also announces this tab. */
export function PresenceNotice({ storyId, clientId }: { storyId: string; clientId: string }) {
  const { data } = useQuery({
    queryKey: ["presence", storyId, clientId],
    queryFn: () => beat(storyId, clientId),
    refetchInterval: PRESENCE_INTERVAL_MS,
    // A background tab is still a writer who may save over someone: keep announcing it.
    refetchIntervalInBackground: true,
    staleTime: 0,
  });

  useEffect(() => {
    const onPageHide = () => leave(storyId, clientId);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      leave(storyId, clientId);
    };
  }, [storyId, clientId]);

  const text = data ? describeOthers(data.others) : null;
  return (
    <p className="presence-notice" aria-live="polite">
      {text}
    </p>
  );
}
