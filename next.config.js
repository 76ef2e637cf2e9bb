/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that Turbopack bundling breaks; load it from node_modules.
  // Yjs must exist once per process (the sync server and y-prosemirror share its types), and ws
  // has optional native parts: load them, and the Hocuspocus server built on both, from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "sharp", "pg", "yjs", "ws", "@hocuspocus/server", "y-protocols"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Cached public pages and data live in memory only. On disk they would outlive the process and be
  // served by the next one, even over a different or restored database (the data directory is
  // configurable; .next is shared). A restart starts cold and consistent instead.
  cacheMaxMemorySize: 256 * 1024 * 1024,
  experimental: {
    isrFlushToDisk: false,
    // A story body may be 2 MB (lib/content/limits.ts) plus the other fields and encoding: let such
    // a save reach the validator, which refuses anything over 2 MB with a clear message; Next
    // itself refuses bigger requests before they are parsed.
    serverActions: { bodySizeLimit: "3mb" },
  },
};

module.exports = nextConfig;
