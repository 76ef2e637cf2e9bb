import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { getStoryForEditor } from "@/lib/stories/queries";

type Context = { params: Promise<{ id: string }> };

/** The working copy as JSON, for whoever may see it; "missing" and "not yours" look the same. */
export async function GET(_request: Request, context: Context) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ message: "Sign in first." }, { status: 401 });
  const { id } = await context.params;
  const story = await getStoryForEditor(viewer, id);
  if (!story) return NextResponse.json({ message: "This story does not exist or you cannot open it." }, { status: 404 });
  return NextResponse.json(story, { headers: { "Cache-Control": "no-store" } });
}
