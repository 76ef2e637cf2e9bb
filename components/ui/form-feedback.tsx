import type { FormState } from "@/lib/forms/form-state";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} className="field-error" aria-live="polite">
      {errors?.join(" ")}
    </p>
  );
}

export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={state.ok ? "form-ok" : "form-error"}>
      {state.message}
    </p>
  );
}
