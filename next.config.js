/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that Turbopack bundling breaks; load it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "sharp", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Cached public pages and data live in memory only. On disk they would outlive the process and be
  // served by the next one, even over a different or restored database (the data directory is
  // configurable; .next is shared). A restart starts cold and consistent instead.
  cacheMaxMemorySize: 256 * 1024 * 1024,
  experimental: { isrFlushToDisk: false },
};

module.exports = nextConfig;
