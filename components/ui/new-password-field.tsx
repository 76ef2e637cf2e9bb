import { FieldError } from "./form-feedback";

/** A new password (setup, joining, reset): the length hint and the server's errors beside it. */
export function NewPasswordField({ label, minLength, errors }: { label: string; minLength: number; errors?: string[] }) {
  return (
    <div className="field">
      <label htmlFor="password">{label}</label>
      <input id="password" name="password" type="password" required minLength={minLength} autoComplete="new-password" aria-describedby="password-hint password-error" />
      <small id="password-hint">At least {minLength} characters.</small>
      <FieldError id="password-error" errors={errors} />
    </div>
  );
}
