import { createAndPublish, databaseFingerprint, hookSchemas, link, newsroomLanguage, publishInBackground, queryCount, requireHooksAdmin, unpublish, updateAndPublish } from "@/lib/testing/test-hooks";

/**
 * Test-only (DATELINE_E2E_HOOKS=1 and an admin session; 404 otherwise). See lib/testing/test-hooks.ts.
 *   GET  /api/test-hooks/query-count          statements sent by the server so far
 *   GET  /api/test-hooks/fingerprint          row count and md5 of every table (security suite)
 *   POST /api/test-hooks/create               create and publish a story
 *   POST /api/test-hooks/draft                create a story without publishing it
 *   POST /api/test-hooks/publish-in-background  publish a draft from outside any request
 *   POST /api/test-hooks/update               edit and "Publish update" (optionally a correction)
 *   POST /api/test-hooks/unpublish            unpublish with a reason
 *   POST /api/test-hooks/link                 link stories as translations
 *   POST /api/test-hooks/newsroom-language    set the newsroom's language
 */
const NOT_FOUND = () => new Response("Not found", { status: 404 });

type Context = { params: Promise<{ hook: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const viewer = await requireHooksAdmin();
  if (!viewer) return NOT_FOUND();
  const { hook } = await params;
  if (hook === "query-count") return Response.json({ count: await queryCount() });
  if (hook === "fingerprint") return Response.json(await databaseFingerprint(), { headers: { "Cache-Control": "no-store" } });
  return NOT_FOUND();
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const viewer = await requireHooksAdmin();
  if (!viewer) return NOT_FOUND();
  const { hook } = await params;
  const body = await request.json().catch(() => null);
  const answer = (result: { ok: true; storyId: string; path: string } | { ok: false; status: number; message: string }) =>
    result.ok ? Response.json({ storyId: result.storyId, path: result.path }) : Response.json({ message: result.message }, { status: result.status });
  switch (hook) {
    case "create":
    case "draft": {
      const input = hookSchemas.create.safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return answer(await createAndPublish(viewer, input.data, { publish: hook === "create" }));
    }
    case "publish-in-background": {
      const input = hookSchemas.unpublish.pick({ storyId: true }).safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return publishInBackground(viewer, input.data.storyId) ? new Response(null, { status: 202 }) : NOT_FOUND();
    }
    case "update": {
      const input = hookSchemas.update.safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return answer(await updateAndPublish(viewer, input.data));
    }
    case "unpublish": {
      const input = hookSchemas.unpublish.safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return answer(await unpublish(viewer, input.data));
    }
    case "link": {
      const input = hookSchemas.link.safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return answer(await link(viewer, input.data));
    }
    case "newsroom-language": {
      const input = hookSchemas.newsroomLanguage.safeParse(body);
      if (!input.success) return Response.json({ message: "Invalid input." }, { status: 400 });
      return answer(await newsroomLanguage(viewer, input.data));
    }
    default:
      return NOT_FOUND();
  }
}
