import { SEARCH_MARK_END, SEARCH_MARK_START } from "@/lib/site/types";

/**
 * Text with search highlights. The markers come only from ts_headline (they are stripped from the
 * stored text before highlighting); everything between them is rendered as text, so whatever the
 * story contains stays text. Only our own <mark> elements are markup.
 */
export function Marked({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let inside = false;
  let buffer = "";
  let key = 0;
  const flush = () => {
    if (!buffer) return;
    parts.push(inside ? <mark key={key++}>{buffer}</mark> : buffer);
    buffer = "";
  };
  for (const ch of text) {
    if (ch === SEARCH_MARK_START || ch === SEARCH_MARK_END) {
      flush();
      inside = ch === SEARCH_MARK_START;
    } else {
      buffer += ch;
    }
  }
  flush();
  return <>{parts}</>;
}
