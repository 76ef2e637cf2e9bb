/**
 * "New story" makes the story before its headline is typed: the desk shows such a story by this
 * name rather than an empty link (which no one, and no screen reader, could name).
 */
export const UNTITLED_STORY = "Untitled story";

export function headlineOrUntitled(headline: string): string {
  return headline.trim() === "" ? UNTITLED_STORY : headline;
}
