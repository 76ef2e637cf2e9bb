/**
 * Runs once when the server process starts: opens and migrates the database before the first
 * request (so a bad setting stops start-up with one clear line), starts the scheduler sweep,
 * and closes the embedded database cleanly on SIGTERM/SIGINT.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./lib/server-runtime");
  await startServerRuntime();
  // The public site's answers for moved (301), missing (404) and withdrawn (410) addresses.
  const { startPublicSite } = await import("./lib/site/startup");
  await startPublicSite();
  // The shared story documents' sync endpoint, on this server's own port (scripts/serve.mjs).
  const { startCollaboration } = await import("./lib/collab/startup");
  startCollaboration();
  const { getEnv } = await import("./lib/env");
  if (getEnv().e2eHooks) {
    // Test support only (lib/testing/test-hooks.ts): runs hook jobs outside any request.
    const { startBackgroundRunner } = await import("./lib/testing/test-hooks");
    startBackgroundRunner();
  }
}
