import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { readLimited } from "@/lib/http/read-limited";
import { isSameOrigin } from "@/lib/http/same-origin";
import { saveStory } from "@/lib/stories/commands";
import { saveStorySchema } from "@/lib/stories/schemas";

/** A 2 MB body plus the other fields and JSON overhead. */
const MAX_SAVE_BYTES = 3 * 1024 * 1024;

type Context = { params: Promise<{ id: string }> };

function answer(status: number, body: unknown) {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Saves the working copy (JSON): the same command the editor's autosave uses, for scripts, load
 * and fault tests. A stale baseVersion answers 409 with the server copy; the losing text is kept.
 */
export async function POST(request: Request, context: Context) {
  if (!isSameOrigin(request)) return answer(403, { ok: false, message: "This request did not come from the newsroom's own pages." });
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_SAVE_BYTES) return answer(413, { ok: false, message: "The story is too large to save (over 2 MB of text)." });
  const viewer = await getViewer();
  if (!viewer) return answer(401, { ok: false, message: "Your session has ended. Sign in again; your text is kept in this browser." });
  const raw = request.body ? await readLimited(request.body, MAX_SAVE_BYTES) : null;
  if (raw === null) return answer(413, { ok: false, message: "The story is too large to save (over 2 MB of text)." });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return answer(400, { ok: false, message: "The save could not be read." });
  }
  const { id } = await context.params;
  const parsed = saveStorySchema.safeParse({ ...(json as object), storyId: id });
  if (!parsed.success) {
    return answer(422, { ok: false, kind: "invalid", message: parsed.error.issues[0]?.message ?? "The save was not in the expected shape." });
  }
  const result = await saveStory(viewer, parsed.data);
  if (result.ok) return answer(200, result);
  const status = { invalid: 422, forbidden: 403, not_found: 404, conflict: 409 }[result.kind];
  return answer(status, result);
}
