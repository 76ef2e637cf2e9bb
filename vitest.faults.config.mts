import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// Fault runs start real servers and a real PostgreSQL: one file, one test at a time.
export default defineConfig({
  resolve: base.resolve,
  test: { include: ["faults/**/*.test.ts"], environment: "node", pool: "forks", fileParallelism: false, testTimeout: 120_000, hookTimeout: 120_000 },
});
