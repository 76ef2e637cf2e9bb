import "server-only";
import { getEnv } from "@/lib/env";
import { refreshPlannerStatisticsIfEmbedded } from "./queries";
import { startRouteResolver } from "./route-resolver";

/** Called once from instrumentation.ts when the server starts (never during `next build`). */
export async function startPublicSite(): Promise<void> {
  const env = getEnv();
  if (env.isBuildPhase) return;
  await startRouteResolver();
  const { startPeerRevalidation } = await import("./peer-revalidation");
  const stopListening = await startPeerRevalidation();
  if (stopListening) {
    const { onServerStop } = await import("@/lib/server-runtime");
    onServerStop(stopListening);
  }
  // In the background: start-up must not wait on it, and a failure only costs plan quality.
  void refreshPlannerStatisticsIfEmbedded().catch(() => {});
}
