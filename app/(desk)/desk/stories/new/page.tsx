import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";
import { listStaff } from "@/lib/people/queries";
import { listSections } from "@/lib/sections/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { listTagNames } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/editor/story-editor";
import { getEnv } from "@/lib/env";
import { toSectionOptions } from "@/components/editor/section-options";
import { saveStoryAction } from "../[id]/actions";
import { createStoryAction } from "./actions";

export const metadata: Metadata = { title: "New story" };

export default async function NewStoryPage() {
  const viewer = await requireViewer("/desk/stories/new");
  const [sections, staff, tagSuggestions, settings] = await Promise.all([listSections(), listStaff(), listTagNames(viewer), getNewsroomSettings()]);
  return (
    <>
      <h1 className="editor-page-title">New story</h1>
      <StoryEditor
        story={null}
        viewer={{ id: viewer.id, name: viewer.name }}
        canEdit
        readOnlyReason={null}
        sections={toSectionOptions(sections)}
        staff={staff}
        tagSuggestions={tagSuggestions}
        defaultLanguage={settings?.defaultLanguage ?? "en"}
        imageOrigins={getEnv().imageOrigins}
        saveAction={saveStoryAction}
        createAction={createStoryAction}
      />
    </>
  );
}
