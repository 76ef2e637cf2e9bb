import { toStorableText } from "@/lib/stories/storable-text";

/** What every server action hands back to `useActionState`: never a raw error message. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Echoed back so a refused form keeps what the person typed (never passwords). */
  values?: Record<string, string>;
};

export const initialFormState: FormState = { ok: false };

export function fieldErrorsFrom(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * FormData as plain strings, dropping files and Next's internal `$ACTION_…` fields. Text PostgreSQL
 * cannot store (NUL, unpaired surrogates) is cleaned the way the editor cleans its drafts: a forged
 * post would otherwise fail deep inside the database with a 500.
 */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || omit.includes(key) || typeof value !== "string") continue;
    out[toStorableText(key)] = toStorableText(value);
  }
  return out;
}
