import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canEditStory } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { listStaff } from "@/lib/people/queries";
import { listSections } from "@/lib/sections/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { getStoryForEditor, listTagNames } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/editor/story-editor";
import { getEnv } from "@/lib/env";
import { toSectionOptions } from "@/components/editor/section-options";
import { CommentsThread } from "@/components/desk/comments-thread";
import { WorkflowPanel } from "@/components/desk/workflow-panel";
import { saveStoryAction } from "./actions";
import { createStoryAction } from "../new/actions";

export const metadata: Metadata = { title: "Edit story" };

export default async function EditStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/desk/stories/${encodeURIComponent(id)}`);
  const story = await getStoryForEditor(viewer, id);
  if (!story) notFound();
  const [sections, staff, tagSuggestions, settings] = await Promise.all([listSections(), listStaff(), listTagNames(), getNewsroomSettings()]);
  const editable = canEditStory(viewer, {
    authorId: story.authorId,
    bylineUserIds: story.bylines.flatMap((b) => (b.userId ? [b.userId] : [])),
    status: story.status,
  });
  return (
    <>
      <h1 className="editor-page-title">Edit story</h1>
      <StoryEditor
        key={story.id}
        story={story}
        viewer={{ id: viewer.id, name: viewer.name }}
        canEdit={editable.ok}
        readOnlyReason={editable.ok ? null : editable.reason}
        sections={toSectionOptions(sections)}
        staff={staff}
        tagSuggestions={tagSuggestions}
        defaultLanguage={settings?.defaultLanguage ?? "en"}
        imageOrigins={getEnv().imageOrigins}
        saveAction={saveStoryAction}
        createAction={createStoryAction}
        sidebar={
          <>
            <WorkflowPanel story={story} viewer={viewer} />
            <CommentsThread storyId={story.id} />
          </>
        }
      />
    </>
  );
}
