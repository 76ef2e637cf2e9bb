import type { BrowserContext, WebSocketRoute } from "@playwright/test";

/**
 * Cuts a browser's collaboration sockets for real. `setOffline` leaves open WebSockets alone, so
 * every socket to /desk/collab/ is routed through Playwright: while "cut", open ones are closed
 * on both sides and new ones are refused at once, as a dropped network would; "restore" lets the
 * editor's own reconnection through again. Install it before the page opens the story.
 */
export async function cuttableCollabNetwork(context: BrowserContext): Promise<{ cut: () => Promise<void>; restore: () => void }> {
  let down = false;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(/\/desk\/collab\//, (page) => {
    if (down) {
      void page.close({ code: 4000, reason: "network down" });
      return;
    }
    const pair = { page, server: page.connectToServer() };
    open.add(pair);
    page.onClose((code, reason) => {
      open.delete(pair);
      void pair.server.close({ code, reason });
    });
    pair.server.onClose((code, reason) => {
      open.delete(pair);
      void page.close({ code, reason });
    });
  });
  return {
    cut: async () => {
      down = true;
      for (const pair of [...open]) {
        open.delete(pair);
        await pair.server.close({ code: 4000, reason: "network down" }).catch(() => undefined);
        await pair.page.close({ code: 4000, reason: "network down" }).catch(() => undefined);
      }
    },
    restore: () => {
      down = false;
    },
  };
}
