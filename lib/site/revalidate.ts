import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import type { PublicChange } from "@/lib/publishing/commands";
import { HOME_TAG, sectionTag, storyTag } from "./cache-tags";

/** Refreshes exactly what a publish, update, correction or unpublish changed on the public site. */
export async function revalidatePublicChange(change: PublicChange | null): Promise<void> {
  if (!change) return;
  revalidateTag(storyTag(change.storyId), { expire: 0 });
  for (const id of change.sectionIds) revalidateTag(sectionTag(id), { expire: 0 });
  revalidateTag(HOME_TAG, { expire: 0 });
  for (const path of change.paths) revalidatePath(path);
  revalidatePath("/");
}
