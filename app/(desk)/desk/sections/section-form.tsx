"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { createSectionAction } from "./actions";

export function SectionForm({ sections }: { sections: Array<{ id: string; label: string }> }) {
  const [state, formAction, pending] = useActionState(createSectionAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} key={state.ok ? state.message : "form"}>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="section-name">Section name</label>
        <input id="section-name" name="name" required defaultValue={v.name} aria-describedby="section-name-error" />
        <FieldError id="section-name-error" errors={state.fieldErrors?.name} />
      </div>
      <div className="field">
        <label htmlFor="section-parent">Parent section</label>
        <select id="section-parent" name="parentId" defaultValue={v.parentId ?? ""}>
          <option value="">(top level)</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <FieldError id="section-parent-error" errors={state.fieldErrors?.parentId} />
      </div>
      <div className="field">
        <label htmlFor="section-slug">Section slug</label>
        <input id="section-slug" name="slug" defaultValue={v.slug} aria-describedby="section-slug-hint section-slug-error" />
        <small id="section-slug-hint">Leave empty to derive it from the name.</small>
        <FieldError id="section-slug-error" errors={state.fieldErrors?.slug} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Create section
      </button>
    </form>
  );
}
