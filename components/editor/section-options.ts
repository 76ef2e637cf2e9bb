/** `path` is the section's public address ("media-center/coalition-news"), for showing a story's URL. */
export type SectionOption = { id: string; label: string; path?: string };

/** "Media Center › Coalition News": a section's full path of names, for pickers. */
export function toSectionOptions(sections: Array<{ id: string; name: string; parentId: string | null; path?: string }>): SectionOption[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return sections.map((section) => {
    const names: string[] = [];
    let current: typeof section | undefined = section;
    while (current && names.length < 10) {
      names.unshift(current.name);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return { id: section.id, label: names.join(" › "), ...(section.path ? { path: section.path } : {}) };
  });
}
