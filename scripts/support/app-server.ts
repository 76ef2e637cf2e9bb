/** Starts the production build of Dateline as a child process, for fault, load and security runs. */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export type AppServer = { port: number; origin: string; child: ChildProcess; output: () => string; stop: () => Promise<number | null>; kill9: () => Promise<void> };

export const TEST_SECRET = "fault-and-load-test-secret-0123456789abcdef";

/** True when something already listens on the port (a leftover server would answer our probes). */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  if (await portInUse(port)) throw new Error(`port ${port} is already in use: stop whatever listens there first`);
  // The production server exactly as `npm start` runs it: Next behind the public page cache.
  const serve = path.join(process.cwd(), "scripts", "serve.mjs");
  let log = "";
  const child = spawn(process.execPath, [serve], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: TEST_SECRET,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${origin}/api/auth/csrf`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = () => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
  return {
    port,
    origin,
    child,
    output: () => log,
    /** SIGTERM; a server still running 15 s later is killed and reported as exit code -1. */
    stop: async () => {
      child.kill("SIGTERM");
      const timer = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 15_000).unref());
      const outcome = await Promise.race([exited(), timer]);
      if (outcome !== "hung") return outcome;
      child.kill("SIGKILL");
      await exited();
      return -1;
    },
    kill9: async () => {
      child.kill("SIGKILL");
      await exited();
    },
  };
}
