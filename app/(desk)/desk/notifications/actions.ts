"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { markNotificationsRead } from "@/lib/notifications/commands";

/** Marks only the caller's own notifications read. */
export async function markAllNotificationsReadAction(): Promise<void> {
  const viewer = await requireViewer("/desk/notifications");
  await markNotificationsRead(viewer.id, "all");
  revalidatePath("/desk", "layout");
}
