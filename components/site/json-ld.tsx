import { jsonForScript } from "@/lib/site/escape";

/** Structured data, escaped so no field can end the script element (see jsonForScript). */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />;
}
