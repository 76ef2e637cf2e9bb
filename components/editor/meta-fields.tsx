"use client";

import { useRef, useState } from "react";
import type * as Y from "yjs";
import type { DraftByline } from "./shared-fields";
import { SharedTextField } from "./shared-text-field";

function normalizeTag(value: string): string {
  return value.replace(/\s+/g, " ").trim().slice(0, 60);
}

/** Tags: pick an existing one from the suggestions or type a new one; Enter or comma adds it. */
export function TagInput({
  tags,
  suggestions,
  disabled,
  onChange,
  errors,
}: {
  tags: string[];
  suggestions: string[];
  disabled: boolean;
  onChange: (tags: string[]) => void;
  errors?: string[];
}) {
  const [value, setValue] = useState("");
  const lower = new Set(tags.map((t) => t.toLowerCase()));

  function add(raw: string) {
    const tag = normalizeTag(raw);
    if (!tag || lower.has(tag.toLowerCase())) {
      setValue("");
      return;
    }
    // Reuse the existing spelling of a known tag rather than creating a near-duplicate.
    const known = suggestions.find((s) => s.toLowerCase() === tag.toLowerCase());
    onChange([...tags, known ?? tag]);
    setValue("");
  }

  return (
    <div className="field">
      <label htmlFor="story-tags">Tags</label>
      {tags.length > 0 ? (
        <ul className="chips" aria-label="Tags on this story">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              <span>{tag}</span>
              {disabled ? null : (
                <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {disabled ? null : (
        <div className="inline-add">
          <input
            id="story-tags"
            list="story-tag-suggestions"
            value={value}
            autoComplete="off"
            aria-describedby="story-tags-hint story-tags-error"
            onChange={(event) => {
              const next = event.target.value;
              if (next.endsWith(",")) add(next.slice(0, -1));
              else setValue(next);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add(value);
              }
            }}
          />
          <button type="button" className="button secondary" onClick={() => add(value)}>
            Add tag
          </button>
        </div>
      )}
      <datalist id="story-tag-suggestions">
        {suggestions
          .filter((s) => !lower.has(s.toLowerCase()))
          .slice(0, 200)
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
      <small id="story-tags-hint">Choose a suggestion or type a new tag, then press Enter.</small>
      <p id="story-tags-error" className="field-error" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

/** Bylines: staff members (linked to their author page) or free text such as "Agencies". */
export function BylineInput({
  bylines,
  staff,
  disabled,
  onChange,
  errors,
}: {
  bylines: DraftByline[];
  staff: Array<{ id: string; name: string }>;
  disabled: boolean;
  onChange: (bylines: DraftByline[]) => void;
  errors?: string[];
}) {
  const [value, setValue] = useState("");

  function add() {
    const name = value.replace(/\s+/g, " ").trim().slice(0, 120);
    if (!name) return;
    const member = staff.find((s) => s.name.toLowerCase() === name.toLowerCase());
    const byline: DraftByline = member ? { userId: member.id, name: member.name } : { userId: null, name };
    const duplicate = bylines.some((b) => (b.userId && b.userId === byline.userId) || b.name.toLowerCase() === byline.name.toLowerCase());
    if (!duplicate) onChange([...bylines, byline]);
    setValue("");
  }

  function move(index: number, delta: number) {
    const next = [...bylines];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item);
    onChange(next);
  }

  return (
    <div className="field">
      <span className="field-label" id="bylines-label">
        Bylines
      </span>
      {bylines.length > 0 ? (
        <ol className="chips" aria-labelledby="bylines-label">
          {bylines.map((byline, index) => (
            <li key={`${byline.userId ?? "text"}:${byline.name}`} className="chip">
              <span>
                {byline.name}
                {byline.userId ? null : <span className="chip-note"> (text)</span>}
              </span>
              {disabled ? null : (
                <>
                  {index > 0 ? (
                    <button type="button" className="chip-remove" aria-label={`Move ${byline.name} earlier`} onClick={() => move(index, -1)}>
                      ↑
                    </button>
                  ) : null}
                  <button type="button" className="chip-remove" aria-label={`Remove byline ${byline.name}`} onClick={() => onChange(bylines.filter((_, i) => i !== index))}>
                    ×
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No byline yet.</p>
      )}
      {disabled ? null : (
        <div className="inline-add">
          <label htmlFor="story-byline" className="visually-hidden">
            Byline name
          </label>
          <input
            id="story-byline"
            list="story-byline-staff"
            value={value}
            autoComplete="off"
            aria-describedby="story-byline-hint story-byline-error"
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button secondary" onClick={add}>
            Add byline
          </button>
        </div>
      )}
      <datalist id="story-byline-staff">
        {staff.map((s) => (
          <option key={s.id} value={s.name} />
        ))}
      </datalist>
      <small id="story-byline-hint">A staff member from the list, or any text such as “Agencies”.</small>
      <p id="story-byline-error" className="field-error" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export type UploadView = { key: string; name: string; progress: number; error: string | null };

/** Upload progress (and failures) for images on their way into the story. */
export function UploadList({ uploads, onDismiss }: { uploads: UploadView[]; onDismiss: (key: string) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads" aria-label="Image uploads">
      {uploads.map((upload) => (
        <li key={upload.key}>
          {upload.error ? (
            <p role="alert" className="form-error">
              {upload.name}: {upload.error}{" "}
              <button type="button" className="button secondary" onClick={() => onDismiss(upload.key)}>
                Dismiss
              </button>
            </p>
          ) : (
            <>
              <label htmlFor={`upload-${upload.key}`}>Uploading {upload.name}</label>{" "}
              <progress id={`upload-${upload.key}`} max={1} value={upload.progress} />{" "}
              <span aria-hidden="true">{Math.round(upload.progress * 100)}%</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The story's lead image: upload, caption, credit (the caption and credit are shared text). */
export function FeaturedImageField({
  mediaId,
  previewUrl,
  caption,
  credit,
  disabled,
  onUpload,
  onRemove,
  onText,
}: {
  mediaId: string | null;
  previewUrl: string | null;
  caption: Y.Text | null;
  credit: Y.Text | null;
  disabled: boolean;
  onUpload: (file: File) => void;
  onRemove: () => void;
  onText: (key: "featuredCaption" | "featuredCredit", next: string) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="featured-image">
      <legend>Featured image</legend>
      {mediaId ? (
        // eslint-disable-next-line @next/next/no-img-element -- a preview of a just-uploaded file, not page content.
        previewUrl ? <img src={previewUrl} alt="Featured image preview" className="featured-preview" /> : <p className="muted">An image is set.</p>
      ) : (
        <p className="muted">No featured image.</p>
      )}
      {disabled ? null : (
        <div className="inline-add">
          <button type="button" className="button secondary" onClick={() => fileInput.current?.click()}>
            {mediaId ? "Replace featured image" : "Upload featured image"}
          </button>
          {mediaId ? (
            <button type="button" className="button secondary" onClick={onRemove}>
              Remove featured image
            </button>
          ) : null}
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onUpload(file);
              event.target.value = "";
            }}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="featured-caption">Featured caption</label>
        <SharedTextField id="featured-caption" text={caption} readOnly={disabled} onText={(next) => onText("featuredCaption", next)} />
      </div>
      <div className="field">
        <label htmlFor="featured-credit">Featured credit</label>
        <SharedTextField id="featured-credit" text={credit} readOnly={disabled} onText={(next) => onText("featuredCredit", next)} />
      </div>
    </fieldset>
  );
}
