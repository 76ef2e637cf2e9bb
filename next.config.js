/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that Turbopack bundling breaks; load it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "sharp", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // A story body may be 2 MB (lib/content/limits.ts) plus the other fields and encoding: let such
    // a save reach the validator, which refuses anything over 2 MB with a clear message; Next
    // itself refuses bigger requests before they are parsed.
    serverActions: { bodySizeLimit: "3mb" },
  },
};

module.exports = nextConfig;
