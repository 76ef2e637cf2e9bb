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
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/db/migrations/**"],
  },
];

export default config;
