import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canEditStory, canTrashStory } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { listStaff } from "@/lib/people/queries";
import { listSections } from "@/lib/sections/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { getStoryForEditor, listStoryTranslations, listTagNames } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/editor/story-editor";
import { getEnv } from "@/lib/env";
import { toSectionOptions } from "@/components/editor/section-options";
import { CommentsThread } from "@/components/desk/comments-thread";
import { WorkflowPanel } from "@/components/desk/workflow-panel";
import { MoveToTrashButton, TrashBanner, TrashedStoryControls } from "@/components/desk/trash-controls";
import { TRASHED_MESSAGE } from "@/lib/stories/trash-messages";
import { deleteStoryForGoodAction, moveStoryToTrashAction, restoreStoryFromTrashAction } from "./trash-actions";
import { TranslationsPanel } from "@/components/desk/translations-panel";
import { headlineOrUntitled } from "@/lib/stories/untitled";
import type { EditorStory } from "@/lib/stories/queries";
import { renderStoryHtml } from "@/lib/content/render";
import { validateStoryBody } from "@/lib/content/validate";
import { languageDir } from "@/lib/content/languages";

export const metadata: Metadata = { title: "Edit story" };

/** The live revision's body, validated again before it is rendered (an invalid one shows nothing). */
function validatedBody(body: unknown) {
  const checked = validateStoryBody(body);
  return checked.ok ? checked.doc : { type: "doc", content: [] };
}

/**
 * A colleague's live story, as readers see it: the published version only, never the staged copy,
 * its thread or its history (lib/auth/policy.ts, canReadStoryWorkingCopy). No shared document is
 * opened for it: that would carry the working copy.
 */
function LiveStoryView({ story }: { story: EditorStory }) {
  const html = renderStoryHtml(validatedBody(story.body));
  return (
    <article className="live-story-view" lang={story.language} dir={languageDir(story.language)}>
      <p className="muted" dir="ltr" lang="en">
        This is a colleague&apos;s published story, shown as readers see it. {story.live ? <a href={story.live.path}>View live</a> : null}
      </p>
      <h1>{headlineOrUntitled(story.headline)}</h1>
      {story.standfirst ? <p className="revision-standfirst">{story.standfirst}</p> : null}
      <div className="story-body" dangerouslySetInnerHTML={{ __html: html }} />
      {story.sourceLine ? <p>{story.sourceLine}</p> : null}
    </article>
  );
}

export default async function EditStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/desk/stories/${encodeURIComponent(id)}`);
  const story = await getStoryForEditor(viewer, id);
  if (!story) notFound();
  const [sections, staff, tagSuggestions, settings, translations] = await Promise.all([listSections(), listStaff(), listTagNames(viewer), getNewsroomSettings(), listStoryTranslations(story.id)]);
  const access = {
    authorId: story.authorId,
    bylineUserIds: story.bylines.flatMap((b) => (b.userId ? [b.userId] : [])),
    status: story.status,
  };
  if (story.view === "live") return <LiveStoryView story={story} />;
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
        imageOrigins={getEnv().imageOrigins}
        sidebar={
          <>
            {story.trashedAt ? null : <WorkflowPanel story={story} viewer={viewer} />}
            {story.trashedAt ? null : <TranslationsPanel story={story} translations={translations} viewer={viewer} />}
            <CommentsThread storyId={story.id} />
            {!story.trashedAt && trashable.ok ? <MoveToTrashButton storyId={story.id} action={moveStoryToTrashAction} /> : null}
          </>
        }
      />
    </>
  );
}
