import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { listSections } from "@/lib/sections/queries";
import { SectionForm } from "./section-form";

export const metadata: Metadata = { title: "Sections" };

export default async function SectionsPage() {
  const viewer = await requireViewer("/desk/sections");
  if (!can(viewer.role, "section.manage")) notFound();
  const sections = await listSections();
  return (
    <>
      <h1>Sections</h1>
      {sections.length === 0 ? <p>No sections yet. Create the first one below.</p> : null}
      <ul className="section-tree plain-list">
        {sections.map((s) => (
          <li key={s.id} style={{ paddingInlineStart: `${s.depth * 1.5}rem` }}>
            {s.name} <code>/{s.path}</code>
          </li>
        ))}
      </ul>
      <h2>New section</h2>
      <SectionForm sections={sections.map((s) => ({ id: s.id, label: `${"— ".repeat(s.depth)}${s.name}` }))} />
    </>
  );
}
