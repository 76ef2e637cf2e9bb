"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

/** TanStack Query is used only for the editor's live state: autosave and presence. */
export function EditorQueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // The autosave scheduler owns retries: it always resends the newest text, not a stale one.
          mutations: { retry: false, networkMode: "always" },
          queries: { retry: 1, refetchOnWindowFocus: true },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
