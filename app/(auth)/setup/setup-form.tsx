"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { initialFormState } from "@/lib/forms/form-state";
import { LANGUAGES } from "@/lib/content/languages";
import { createNewsroomAction } from "./actions";

export function SetupForm({ timeZones, minPasswordLength }: { timeZones: string[]; minPasswordLength: number }) {
  const [state, formAction, pending] = useActionState(createNewsroomAction, initialFormState);
  const v = state.values ?? {};
  const guessedZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="newsroomName">Newsroom name</label>
        <input id="newsroomName" name="newsroomName" required defaultValue={v.newsroomName} aria-describedby="newsroomName-error" />
        <FieldError id="newsroomName-error" errors={state.fieldErrors?.newsroomName} />
      </div>
      <div className="field">
        <label htmlFor="name">Your name</label>
        <input id="name" name="name" required autoComplete="name" defaultValue={v.name} aria-describedby="name-error" />
        <FieldError id="name-error" errors={state.fieldErrors?.name} />
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" required autoComplete="email" defaultValue={v.email} aria-describedby="email-error" />
        <FieldError id="email-error" errors={state.fieldErrors?.email} />
      </div>
      <NewPasswordField label="Password" minLength={minPasswordLength} errors={state.fieldErrors?.password} />
      <div className="field">
        <label htmlFor="timeZone">Newsroom time zone</label>
        <select id="timeZone" name="timeZone" defaultValue={v.timeZone ?? (timeZones.includes(guessedZone) ? guessedZone : "UTC")}>
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
          {timeZones.includes("UTC") ? null : <option value="UTC">UTC</option>}
        </select>
        <FieldError id="timeZone-error" errors={state.fieldErrors?.timeZone} />
      </div>
      <div className="field">
        <label htmlFor="defaultLanguage">Default language</label>
        <select id="defaultLanguage" name="defaultLanguage" defaultValue={v.defaultLanguage ?? "en"}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" name="sampleContent" defaultChecked={v.sampleContent === "on"} /> Add sample content
        </label>
      </div>
      <button className="button" type="submit" disabled={pending}>
        Create newsroom
      </button>
    </form>
  );
}
