import { can, type Viewer } from "@/lib/auth/policy";
import { LANGUAGES, languageName } from "@/lib/content/languages";
import type { EditorStory, StoryTranslation } from "@/lib/stories/queries";
import { StatusBadge } from "./status-badge";
import { TranslationForms } from "./translation-forms";

/**
 * The story's versions in other languages, with the controls to start one ("Add translation") or
 * link an existing story. Editors only may change the group; everyone who sees the story sees it.
 */
export function TranslationsPanel({ story, translations, viewer }: { story: EditorStory; translations: readonly StoryTranslation[]; viewer: Viewer }) {
  const taken = new Set([story.language, ...translations.map((t) => t.language)]);
  const open = LANGUAGES.filter((l) => !taken.has(l.code)).map((l) => ({ code: l.code, label: l.name === l.nativeName ? l.name : `${l.name} (${l.nativeName})` }));
  const mayChange = can(viewer.role, "story.edit.any");
  if (!mayChange && translations.length === 0) return null;
  return (
    <section className="panel translations-panel" aria-labelledby="translations-title">
      <h2 id="translations-title">Translations</h2>
      {translations.length > 0 ? (
        <ul className="translation-list">
          {translations.map((t) => (
            <li key={t.id}>
              <a href={`/desk/stories/${t.id}`} lang={t.language}>
                {t.headline || "Untitled"}
              </a>{" "}
              <span className="hint">({languageName(t.language)})</span> <StatusBadge status={t.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No other language yet.</p>
      )}
      {mayChange ? <TranslationForms storyId={story.id} languages={open} /> : null}
    </section>
  );
}
