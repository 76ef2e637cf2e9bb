import type { ParagraphBlock } from "@/lib/content/diff";

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/**
 * The plain view for texts too large to compare word by word: unchanged paragraphs are counted,
 * changed ones shown whole (removed struck through, added underlined), up to a fixed amount of text.
 */
export function ParagraphDiff({ blocks, changedParagraphs, omittedParagraphs }: { blocks: ParagraphBlock[]; changedParagraphs: number; omittedParagraphs: number }) {
  return (
    <div className="paragraph-diff">
      <p className="muted">
        Too large to compare word by word: changed paragraphs are shown whole ({plural(changedParagraphs, "paragraph", "paragraphs")}), unchanged ones are
        only counted.
      </p>
      {blocks.map((block, index) => {
        if (block.kind === "same") {
          return (
            <p key={index} className="muted paragraph-diff-same">
              … {plural(block.paragraphs, "unchanged paragraph", "unchanged paragraphs")} …
            </p>
          );
        }
        const text = block.truncated ? `${block.text}…` : block.text;
        return <p key={index} className="paragraph-diff-change">{block.kind === "removed" ? <del>{text}</del> : <ins>{text}</ins>}</p>;
      })}
      {omittedParagraphs > 0 ? (
        <p className="muted">{plural(omittedParagraphs, "more changed paragraph is", "more changed paragraphs are")} not shown.</p>
      ) : null}
    </div>
  );
}
