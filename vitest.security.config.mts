import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// Forged requests against one real production server: one file, one request at a time, so
// database fingerprints taken around a request see only that request.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["security/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
