import { isInternalToken, INTERNAL_TOKEN_HEADER } from "@/lib/site/internal-token";
import { publicChangesSchema, revalidatePublicChanges } from "@/lib/site/revalidate";

/**
 * Loopback-only door for work that happens outside a request (the scheduler's sweep), where
 * Next cannot revalidate: the caller is this same process, proving it with the per-process secret.
 * Anyone else gets the same 404 as for a path that does not exist.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isInternalToken(request.headers.get(INTERNAL_TOKEN_HEADER))) return new Response("Not found", { status: 404 });
  const parsed = publicChangesSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  try {
    await revalidatePublicChanges(parsed.data.changes, { settling: parsed.data.settling, fromPeer: parsed.data.fromPeer });
  } catch {
    return new Response("Revalidation failed", { status: 500 });
  }
  return new Response(null, { status: 204 });
}
