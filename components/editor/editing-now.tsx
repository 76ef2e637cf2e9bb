"use client";

import { useCallback, useRef, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { otherParticipants, type Participant } from "./presence";

const NOBODY: Participant[] = [];

/** "Editing now": everyone else who has the story open, by name, in the colour of their caret. */
export function EditingNow({ awareness, viewerId }: { awareness: Awareness; viewerId: string }) {
  const cache = useRef<{ key: string; list: Participant[] }>({ key: "", list: NOBODY });
  const subscribe = useCallback(
    (listener: () => void) => {
      awareness.on("change", listener);
      return () => awareness.off("change", listener);
    },
    [awareness],
  );
  const read = useCallback(() => {
    const list = otherParticipants(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID, viewerId);
    const key = JSON.stringify(list);
    if (key !== cache.current.key) cache.current = { key, list };
    return cache.current.list;
  }, [awareness, viewerId]);
  const others = useSyncExternalStore(subscribe, read, () => NOBODY);

  return (
    <section className="editing-now" aria-labelledby="editing-now-heading">
      <h2 id="editing-now-heading">Editing now</h2>
      {others.length === 0 ? (
        <p className="muted">Only you</p>
      ) : (
        <ul aria-live="polite">
          {others.map((person) => (
            <li key={person.id} style={{ "--caret-color": person.color } as React.CSSProperties}>
              {person.isViewer ? `${person.name} (you, in another tab)` : person.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
