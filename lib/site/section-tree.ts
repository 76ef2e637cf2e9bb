/** Walking the section tree in memory (it is small and cached whole). Pure. */
import type { SiteSection } from "./types";

const MAX_DEPTH = 20;

function byPosition(a: SiteSection, b: SiteSection): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

export function topLevelSections(sections: readonly SiteSection[]): SiteSection[] {
  return sections.filter((s) => s.parentId === null).sort(byPosition);
}

export function childSections(sections: readonly SiteSection[], parentId: string): SiteSection[] {
  return sections.filter((s) => s.parentId === parentId).sort(byPosition);
}

/** The section and everything below it: a section page lists the stories of its whole subtree. */
export function descendantIds(sections: readonly SiteSection[], sectionId: string): string[] {
  const out = [sectionId];
  const seen = new Set(out);
  for (let i = 0; i < out.length && out.length < 10_000; i++) {
    for (const s of sections) {
      if (s.parentId === out[i] && !seen.has(s.id)) {
        seen.add(s.id);
        out.push(s.id);
      }
    }
  }
  return out;
}

/** Root first: Media Center, Coalition News. Cycles and missing parents end the walk. */
export function sectionLineage(sections: readonly SiteSection[], sectionId: string | null): SiteSection[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out: SiteSection[] = [];
  let current = sectionId ? byId.get(sectionId) : undefined;
  while (current && out.length < MAX_DEPTH && !out.includes(current)) {
    out.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return out;
}
