/** What the writer is told when a paste left images out (clean-pasted-html.ts says why). */
export function droppedImagesNotice(count: number): string {
  const images = count === 1 ? "1 image" : `${count.toLocaleString("en")} images`;
  return (
    `${images} from the pasted text ${count === 1 ? "was" : "were"} left out: story images must come from the newsroom's media library. ` +
    "Save the picture and add it with Insert image."
  );
}
