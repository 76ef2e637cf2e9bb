export type SectionOption = { id: string; label: string };

/** "Media Center › Coalition News": a section's full path of names, for pickers. */
export function toSectionOptions(sections: Array<{ id: string; name: string; parentId: string | null }>): SectionOption[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return sections.map((section) => {
    const names: string[] = [];
    let current: typeof section | undefined = section;
    while (current && names.length < 10) {
      names.unshift(current.name);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return { id: section.id, label: names.join(" › ") };
  });
}
