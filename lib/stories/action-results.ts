/**
 * The typed results the story editor's server actions hand back. Client-safe (types and pure
 * helpers only): raw error text never travels, only these messages.
 */
import type { EditorStory } from "./queries";

export type SaveStoryActionResult =
  | { ok: true; storyId: string; version: number; savedAt: string; slug: string }
  | { ok: false; kind: "invalid"; message: string; fieldErrors?: Record<string, string[]> }
  | { ok: false; kind: "forbidden" | "not_found"; message: string }
  | { ok: false; kind: "conflict"; message: string; server: EditorStory; keptRevisionNumber: number | null };

export type RestoreRevisionActionResult =
  | { ok: true; version: number }
  | { ok: false; kind: "invalid" | "forbidden" | "not_found" | "conflict"; message: string };

type Issue = { path: PropertyKey[]; message: string; code?: string };

const BODY_SHAPE_MESSAGE = "The story body is not in a format the editor produces.";

/**
 * zod issues -> field errors keyed by draft field ("headline", "body", …). Messages written for
 * people pass through; zod's own technical wording (unknown keys, wrong types) is replaced.
 */
export function invalidDraftResult(issues: Issue[]): Extract<SaveStoryActionResult, { kind: "invalid" }> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const field = path[0] === "draft" ? (path[1] ?? "draft") : (path[0] ?? "form");
    const ours = issue.code === "custom" || issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_value" || issue.code === "invalid_format";
    let message = ours ? issue.message : "This value is not accepted.";
    if (field === "body" && !ours) message = BODY_SHAPE_MESSAGE;
    if (field === "draft" || field === "form" || issue.code === "unrecognized_keys") message = "The save contained something the editor does not send.";
    const list = (fieldErrors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  const first = Object.values(fieldErrors)[0]?.[0] ?? "Please check the story and try again.";
  return { ok: false, kind: "invalid", message: first, fieldErrors };
}
