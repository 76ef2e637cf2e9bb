import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";
import { NewStoryForm } from "@/components/editor/new-story-form";
import { createNewStoryAction } from "./actions";

export const metadata: Metadata = { title: "New story" };

/**
 * The "New story" link lands here (a GET creates nothing, so prefetching is harmless); the form
 * posts itself at once and the action opens the new story's own page.
 */
export default async function NewStoryPage() {
  await requireViewer("/desk/stories/new");
  return (
    <>
      <h1 className="editor-page-title">New story</h1>
      <NewStoryForm action={createNewStoryAction} />
    </>
  );
}
