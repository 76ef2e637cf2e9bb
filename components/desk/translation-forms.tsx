"use client";

import { useActionState } from "react";
import { addTranslationAction, linkTranslationAction } from "@/app/(desk)/desk/stories/[id]/translation-actions";
import { initialFormState } from "@/lib/forms/form-state";

type Props = { storyId: string; languages: readonly { code: string; label: string }[] };

/**
 * "Add translation" starts a linked draft in the chosen language (a copy to translate over) and
 * opens it; "Link translation" joins a story that already exists. The server re-checks both.
 * The language picker is "Language" (the UI contract's name for it); the story's own language
 * field on the same page is therefore "Story language".
 */
export function TranslationForms({ storyId, languages }: Props) {
  const [added, addAction, adding] = useActionState(addTranslationAction, initialFormState);
  const [linked, linkAction, linking] = useActionState(linkTranslationAction, initialFormState);
  return (
    <>
      {languages.length > 0 ? (
        <form action={addAction} className="inline-form translation-form">
          <input type="hidden" name="storyId" value={storyId} />
          <div className="field">
            <label htmlFor="translation-language">Language</label>
            <select id="translation-language" name="language" defaultValue={languages[0]!.code}>
              {languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          {added.message && !added.ok ? (
            <p role="alert" className="form-error">
              {added.message}
            </p>
          ) : null}
          <button type="submit" className="button secondary" disabled={adding}>
            Add translation
          </button>
        </form>
      ) : (
        <p className="hint">Every language already has a version.</p>
      )}
      <form action={linkAction} className="inline-form translation-form">
        <input type="hidden" name="storyId" value={storyId} />
        <div className="field">
          <label htmlFor="translation-link">Link an existing story</label>
          <input id="translation-link" name="translation" placeholder="…/desk/stories/…" aria-describedby="translation-link-hint" maxLength={500} required defaultValue={linked.ok ? "" : linked.values?.translation} />
          <p id="translation-link-hint" className="hint">
            Paste its desk address.
          </p>
        </div>
        {linked.message ? (
          <p role={linked.ok ? "status" : "alert"} className={linked.ok ? "form-ok" : "form-error"}>
            {linked.message}
          </p>
        ) : null}
        <button type="submit" className="button secondary" disabled={linking}>
          Link translation
        </button>
      </form>
    </>
  );
}
