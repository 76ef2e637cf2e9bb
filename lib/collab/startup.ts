import "server-only";
/**
 * Hands the collaboration endpoint to the production server (scripts/serve.mjs), which lives in
 * the same process but outside Next's bundles: they share only globalThis. serve.mjs calls the
 * installed handler for every WebSocket upgrade under /desk/collab/.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { onServerStop } from "@/lib/server-runtime";
import { createCollabServer } from "./server";

type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
const store = globalThis as typeof globalThis & { __datelineCollabUpgrade?: UpgradeHandler };

export function startCollaboration(): void {
  if (store.__datelineCollabUpgrade) return;
  const collab = createCollabServer();
  store.__datelineCollabUpgrade = (request, socket, head) => collab.handleUpgrade(request, socket, head);
  onServerStop(async () => {
    store.__datelineCollabUpgrade = undefined;
    await collab.close();
  });
}
