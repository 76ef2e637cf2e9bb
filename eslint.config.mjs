import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // The public site links with plain <a> on purpose: every page is a cached HTML document, so a
    // full load is as fast as a client-side transition, and <Link> would prefetch an RSC payload
    // for every headline in view.
    files: ["components/site/**", "app/(site)/**"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  {
    // zod must be configured jitless before its first schema (the CSP forbids eval): import it
    // through lib/validation/zod.ts only.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/validation/zod.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: 'Import { z } from "@/lib/validation/zod" (jitless, see there).' }], patterns: [{ group: ["zod/*"], message: 'Import { z } from "@/lib/validation/zod".' }] }],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/db/migrations/**"],
  },
];

export default config;
