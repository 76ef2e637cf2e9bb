/**
 * The images a story body shows: the `src` and `mediaId` of every figure, wherever it is nested.
 * Pure, so publishing can collect them before it renders.
 */
import type { JSONContent } from "@tiptap/core";

export type StoryImages = { ids: string[]; urls: string[] };

const MAX_DEPTH = 64;

export function imagesInStoryBody(doc: JSONContent): StoryImages {
  const ids = new Set<string>();
  const urls = new Set<string>();
  const walk = (node: JSONContent, depth: number) => {
    if (!node || typeof node !== "object" || depth > MAX_DEPTH) return;
    if (node.type === "figure") {
      const { src, mediaId } = node.attrs ?? {};
      if (typeof src === "string" && src) urls.add(src);
      if (typeof mediaId === "string" && mediaId) ids.add(mediaId);
    }
    if (Array.isArray(node.content)) for (const child of node.content) walk(child, depth + 1);
  };
  walk(doc, 0);
  return { ids: [...ids], urls: [...urls] };
}
