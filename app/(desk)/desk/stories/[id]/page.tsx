import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canEditStory, canTrashStory } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { listStaff } from "@/lib/people/queries";
import { listSections } from "@/lib/sections/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { getStoryForEditor, listTagNames } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/editor/story-editor";
import { toSectionOptions } from "@/components/editor/section-options";
import { CommentsThread } from "@/components/desk/comments-thread";
import { WorkflowPanel } from "@/components/desk/workflow-panel";
import { MoveToTrashButton, TrashBanner, TrashedStoryControls } from "@/components/desk/trash-controls";
import { TRASHED_MESSAGE } from "@/lib/stories/trash-messages";
import { deleteStoryForGoodAction, moveStoryToTrashAction, restoreStoryFromTrashAction } from "./trash-actions";
import { headlineOrUntitled } from "@/lib/stories/untitled";

export const metadata: Metadata = { title: "Edit story" };

export default async function EditStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/desk/stories/${encodeURIComponent(id)}`);
  const story = await getStoryForEditor(viewer, id);
  if (!story) notFound();
  const [sections, staff, tagSuggestions, settings] = await Promise.all([listSections(), listStaff(), listTagNames(), getNewsroomSettings()]);
  const access = {
    authorId: story.authorId,
    bylineUserIds: story.bylines.flatMap((b) => (b.userId ? [b.userId] : [])),
    status: story.status,
  };
  const editable = story.trashedAt ? ({ ok: false, reason: TRASHED_MESSAGE } as const) : canEditStory(viewer, access);
  const trashable = canTrashStory(viewer, { ...access, everPublished: story.firstPublishedAt !== null || story.live !== null });
  return (
    <>
      <h1 className="editor-page-title">Edit story</h1>
      {story.trashedAt && trashable.ok ? (
        <TrashBanner message={TRASHED_MESSAGE}>
          <TrashedStoryControls storyId={story.id} headline={headlineOrUntitled(story.headline)} restoreAction={restoreStoryFromTrashAction} deleteAction={deleteStoryForGoodAction} />
        </TrashBanner>
      ) : null}
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
        sidebar={
          <>
            {story.trashedAt ? null : <WorkflowPanel story={story} viewer={viewer} />}
            <CommentsThread storyId={story.id} />
            {!story.trashedAt && trashable.ok ? <MoveToTrashButton storyId={story.id} action={moveStoryToTrashAction} /> : null}
          </>
        }
      />
    </>
  );
}
