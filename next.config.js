/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that Turbopack bundling breaks; load it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "sharp", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
