/**
 * "Buy example.org/bread. Then…": Tiptap's autolink only links a word that is a link from end to
 * end, so a link typed at the end of a sentence was never linked at all (the word is
 * "example.org/bread."). This plugin links such a word without the punctuation that ends the
 * sentence: full stop, comma, colon, semicolon, exclamation and question marks, closing quotes,
 * and a closing bracket the link did not open. Plain words and links Tiptap already handles are
 * left to it.
 */
import type { MarkType } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { find } from "linkifyjs";

const TRAILING_PUNCTUATION = /[.,;:!?'"\u2019\u201D\u00BB)\]]+$/;

/** The link part of a word ending a sentence, or null when nothing trails it. */
export function splitTrailingPunctuation(word: string): { core: string; trailing: string } | null {
  let trailing = TRAILING_PUNCTUATION.exec(word)?.[0] ?? "";
  if (!trailing) return null;
  // "(see example.org/a_(b))." keeps the bracket the link opened.
  let core = word.slice(0, word.length - trailing.length);
  while (trailing.startsWith(")") && (core.match(/\(/g)?.length ?? 0) > (core.match(/\)/g)?.length ?? 0)) {
    core += ")";
    trailing = trailing.slice(1);
  }
  return trailing && core ? { core, trailing } : null;
}

type Options = {
  type: MarkType;
  defaultProtocol: string;
  isAllowed: (href: string) => boolean;
};

/** The text block the writer just finished a word in, and that word's end (offset in the block). */
function endedWord(state: EditorState): { blockStart: number; text: string } | null {
  const { $from, empty } = state.selection;
  if (!empty || !$from.parent.isTextblock) return null;
  const before = $from.parent.textBetween(0, $from.parentOffset, undefined, "\uFFFC");
  if (/\s$/.test(before)) return { blockStart: $from.start(), text: before.replace(/\s+$/, "") };
  // Enter: the caret starts a new block; the word ended the block before it.
  if ($from.parentOffset !== 0 || $from.depth < 1) return null;
  const index = $from.index($from.depth - 1);
  if (index === 0) return null;
  const previous = $from.node($from.depth - 1).child(index - 1);
  if (!previous.isTextblock) return null;
  const previousStart = $from.before() - previous.nodeSize + 1;
  return { blockStart: previousStart, text: previous.textBetween(0, previous.content.size, undefined, "\uFFFC").replace(/\s+$/, "") };
}

export function trailingPunctuationAutolink(options: Options): Plugin {
  return new Plugin({
    key: new PluginKey("autolinkTrailingPunctuation"),
    appendTransaction(transactions, oldState, newState): Transaction | null {
      if (!transactions.some((tr) => tr.docChanged) || oldState.doc.eq(newState.doc)) return null;
      if (transactions.some((tr) => tr.getMeta("preventAutolink") || tr.getMeta("paste"))) return null;
      // Only typing ends a word this way; an undo must not bring a link back.
      if (transactions.some((tr) => tr.getMeta("history$") || tr.getMeta("addToHistory") === false)) return null;
      const ended = endedWord(newState);
      if (!ended || !ended.text) return null;
      const word = /\S+$/.exec(ended.text)?.[0];
      if (!word) return null;
      const split = splitTrailingPunctuation(word);
      if (!split) return null;
      // "(example.org/bread)." and "“example.org”": an opening bracket or quote is not the link either.
      const leading = /^[(\['"\u2018\u201C\u00AB]+/.exec(split.core)?.[0] ?? "";
      const core = split.core.slice(leading.length);
      const links = find(core, { defaultProtocol: options.defaultProtocol });
      if (links.length !== 1 || links[0].start !== 0 || links[0].end !== core.length) return null;
      if (!options.isAllowed(links[0].value)) return null;
      const from = ended.blockStart + ended.text.length - word.length + leading.length;
      const to = from + core.length;
      if (newState.doc.rangeHasMark(from, to, options.type)) return null;
      return newState.tr.addMark(from, to, options.type.create({ href: links[0].href }));
    },
  });
}
