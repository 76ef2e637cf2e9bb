import { NextResponse, type NextRequest } from "next/server";
import { z } from "@/lib/validation/zod";
import { getViewer } from "@/lib/auth/viewer";
import { leavePresence, recordPresence } from "@/lib/presence/commands";
import { listStoryPresence } from "@/lib/presence/queries";

/**
 * Presence heartbeat, polled by the editor every 10 s. A route handler rather than a server
 * action: Next runs a page's server actions one after another, and a heartbeat must never wait
 * behind (or delay) a large save. `leave` is sent with sendBeacon when a tab closes.
 */
const heartbeatSchema = z
  .object({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    leave: z.boolean().optional(),
  })
  .strict();

export type PresenceResponse = { others: Array<{ name: string; isViewer: boolean }> };

function sameOrigin(request: NextRequest): boolean {
  // Cookies are SameSite=Lax already; this also refuses cross-site text/plain posts outright.
  const origin = request.headers.get("origin");
  return origin === null || origin === request.nextUrl.origin;
}

export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  if (!sameOrigin(request)) return NextResponse.json({ message: "Forbidden." }, { status: 403 });
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ message: "Sign in again to keep editing." }, { status: 401 });
  const { id } = await context.params;
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return NextResponse.json({ message: "Bad request." }, { status: 400 });
  }
  const parsed = heartbeatSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ message: "Bad request." }, { status: 400 });
  if (parsed.data.leave) {
    await leavePresence(viewer, { storyId: id, clientId: parsed.data.clientId });
    return new NextResponse(null, { status: 204 });
  }
  const now = new Date();
  const recorded = await recordPresence(viewer, { storyId: id, clientId: parsed.data.clientId }, now);
  if (!recorded.ok) return NextResponse.json({ message: recorded.message }, { status: 404 });
  const others = (await listStoryPresence(viewer, id, { exceptClientId: parsed.data.clientId, now })) ?? [];
  const response: PresenceResponse = { others: others.map((o) => ({ name: o.name, isViewer: o.isViewer })) };
  return NextResponse.json(response, { headers: { "Cache-Control": "no-store" } });
}
