/**
 * A real S3 server (s3rver) on loopback for the storage tests: its own folder, one bucket, and
 * the credentials its documentation names. stop() cuts open connections too, the way a crashed
 * server would; start() again on the same port and folder brings the same objects back.
 */
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export const S3_TEST_BUCKET = "dateline-test";
export const S3_TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export type S3TestServer = {
  endpoint: string;
  port: number;
  directory: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Calls `listener` after each object the server has stored (once per PUT). */
  onWrite(listener: () => void): () => void;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
  /** The environment that points Dateline's media storage at this server. */
  env(prefix?: string): Record<string, string>;
};

/** A free port in 4800-4899 (the range these tests may use), tried in random order. */
async function freePort(): Promise<number> {
  const ports = Array.from({ length: 100 }, (_, i) => 4800 + i).sort(() => Math.random() - 0.5);
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("No free port in 4800-4899 for the test S3 server.");
}

export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "dateline-s3-"));
  const port = await freePort();
  let server: S3rver | null = null;
  const writeListeners = new Set<() => void>();

  const start = async () => {
    if (server) return;
    const next = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: S3_TEST_BUCKET }] });
    next.on("event", () => {
      for (const listener of writeListeners) listener();
    });
    await next.run();
    server = next;
  };
  const stop = async () => {
    const current = server;
    server = null;
    if (!current) return;
    const closing = current.close();
    current.httpServer?.closeAllConnections();
    await closing;
  };
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    start,
    stop,
    onWrite: (listener) => {
      writeListeners.add(listener);
      return () => writeListeners.delete(listener);
    },
    dispose: async () => {
      await stop();
      await fs.rm(directory, { recursive: true, force: true });
    },
    env: (prefix = "") => ({
      DATELINE_S3_BUCKET: S3_TEST_BUCKET,
      DATELINE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      DATELINE_S3_REGION: "us-east-1",
      DATELINE_S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      DATELINE_S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
      ...(prefix ? { DATELINE_S3_PREFIX: prefix } : {}),
    }),
  };
}
