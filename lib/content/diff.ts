/**
 * Word-level diff for revision comparison (desk history, the editor's conflict panel). Whitespace
 * is kept as its own token so that the parts always reassemble into the original texts exactly:
 *   same + removed, in order === a        same + added, in order === b
 *
 * The work is bounded by the input, not only by the edit distance: a story body may be 2 MB, and
 * an exact word diff of two such texts costs seconds of CPU. So:
 *   1. paragraphs (lines) are aligned first: unique paragraphs anchor the alignment (patience
 *      diff), Myers fills the gaps between anchors;
 *   2. words are diffed only inside each run of changed paragraphs, and only when that run is small;
 *   3. every Myers run draws on one work budget per comparison; when it is spent, the remaining
 *      changes are reported paragraph by paragraph (whole paragraph removed, whole one added).
 * Minimality is what gives way, never latency or the reassembly guarantee.
 *
 * The core is a generator that pauses at coarse checkpoints. `diffWords` runs it straight through
 * (the browser's conflict panel); `compareTexts` runs it in slices and lets other work on the
 * server's event loop (cached public pages) run between them, and above WORD_DIFF_MAX_CHARS it does
 * not attempt words at all: it returns a plain paragraph view with a bounded amount of text.
 */

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

// Words keep inner apostrophes and hyphens ("don't", "well-known"); other punctuation stands
// alone so "said," vs "said." differs by one character, not one word.
const TOKEN_PATTERN = /[\p{L}\p{N}\p{M}_]+(?:['’\-][\p{L}\p{N}\p{M}_]+)*|\s+|[\s\S]/gu;

/** Edit-distance cap for one Myers run; keeps its trace memory bounded (O(D²)). */
const MAX_EDIT_DISTANCE = 2000;

/**
 * Myers steps (snake moves plus diagonals probed) one comparison may spend, in total. About 20 ms
 * of CPU on these machines; a typical revision pair needs a small fraction of it.
 */
const WORK_BUDGET = 6_000_000;

/** Runs of changed paragraphs longer than this (characters, either side) are not word-diffed. */
const MAX_WORD_RUN_CHARS = 40_000;

/**
 * Texts with more lines than this are not aligned line by line: splitting, interning and aligning
 * hundreds of thousands of one-character lines is work a reader gains nothing from.
 */
const MAX_ALIGNED_LINES = 50_000;

/** Work units between two checkpoints at which a sliced comparison may pause. */
const CHECKPOINT_WORK = 100_000;

/**
 * Above this length (characters, either text) the history does not compare word by word: it shows
 * the changed paragraphs whole and counts the unchanged ones (`compareTexts`, mode "paragraphs").
 * 100,000 characters is about 16,000 words, several times a long feature, and its word view is
 * already a few hundred kilobytes of HTML.
 */
export const WORD_DIFF_MAX_CHARS = 100_000;

/** The paragraph view shows at most this much changed text; the rest is counted, not shown. */
export const PARAGRAPH_VIEW_MAX_CHARS = 40_000;

type Op = "same" | "added" | "removed";
type Edit = { op: Op; a: number; b: number };
type Budget = { left: number; sinceCheckpoint: number };
/** Yields (undefined) at checkpoints; returns its result when done. */
type Steps<T> = Generator<void, T, void>;

function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Whether the text has more than `limit` lines; stops counting there. */
function hasMoreLinesThan(text: string, limit: number): boolean {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1 && lines <= limit; at = text.indexOf("\n", at + 1)) lines++;
  return lines > limit;
}

/**
 * Calls `visit(start, end)` for each line (without its break) that holds more than whitespace,
 * pausing every few thousand lines. Bounds, not a slice: counting a million lines allocates nothing.
 */
function* paragraphsOf(text: string, visit: (start: number, end: number) => void): Steps<void> {
  let start = 0;
  let sincePause = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let blank = true;
    for (let i = start; i < end && blank; i++) {
      const c = text.charCodeAt(i);
      blank = c === 32 || c === 9 || c === 13 || c === 0xa0;
    }
    if (!blank) visit(start, end);
    start = end + 1;
    if (++sincePause === LINES_PER_STEP) {
      sincePause = 0;
      yield;
    }
  }
}

function* spend(budget: Budget, units: number): Steps<void> {
  budget.left -= units;
  budget.sinceCheckpoint += units;
  if (budget.sinceCheckpoint >= CHECKPOINT_WORK) {
    budget.sinceCheckpoint = 0;
    yield;
  }
}

/**
 * Myers' greedy forward search, recording one V snapshot per edit step for the backtrack.
 * Returns null when the edit distance exceeds `maxD` or the budget runs out.
 */
function* myers(a: Int32Array, b: Int32Array, maxD: number, budget: Budget): Steps<Edit[] | null> {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    let work = d + 1;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      const startX = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      work += x - startX;
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
    yield* spend(budget, work);
    if (budget.left <= 0) return null;
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number, dFinal: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = dFinal; d > 0; d--) {
    const snapshot = trace[d];
    // snapshot[i] holds V[k] for k = i - d - 1, i.e. V as it was before step d.
    const at = (k: number) => snapshot[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: "same", a: x, b: y });
    }
    if (prevK === k + 1) {
      y--;
      edits.push({ op: "added", a: x, b: y });
    } else {
      x--;
      edits.push({ op: "removed", a: x, b: y });
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    edits.push({ op: "same", a: x, b: y });
  }
  return edits.reverse();
}

class PartBuilder {
  readonly parts: DiffPart[] = [];

  push(kind: Op, text: string): void {
    if (!text) return;
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else this.parts.push({ kind, text });
  }
}

function intern(items: string[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    let id = ids.get(items[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(items[i], id);
    }
    out[i] = id;
  }
  return out;
}

/** Lines a sliced comparison handles between two pauses when splitting or interning. */
const LINES_PER_STEP = 2_000;

/** The text's lines, each with its line break, pausing every LINES_PER_STEP lines. */
function* splitLinesInSteps(text: string): Steps<string[]> {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const next = end === -1 ? text.length : end + 1;
    lines.push(text.slice(start, next));
    start = next;
    if (lines.length % LINES_PER_STEP === 0) yield;
  }
  return lines;
}

function* internInSteps(items: string[], ids: Map<string, number>): Steps<Int32Array> {
  const out = new Int32Array(items.length);
  for (let from = 0; from < items.length; from += LINES_PER_STEP) {
    out.set(intern(items.slice(from, from + LINES_PER_STEP), ids), from);
    yield;
  }
  return out;
}

/** Length of the common prefix and (non-overlapping) common suffix of two lists. */
function commonEnds(a: string[], b: string[]): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

/** Word diff of one run of changed paragraphs; whole removed/added when that is all the budget allows. */
function* diffRunByWords(a: string, b: string, out: PartBuilder, budget: Budget): Steps<void> {
  const tokensA = tokenize(a);
  const tokensB = tokenize(b);
  yield* spend(budget, tokensA.length + tokensB.length);
  const { start, endA, endB } = commonEnds(tokensA, tokensB);
  out.push("same", tokensA.slice(0, start).join(""));
  const midA = tokensA.slice(start, endA);
  const midB = tokensB.slice(start, endB);
  const edits = midA.length && midB.length && budget.left > 0 ? yield* myersOnStrings(midA, midB, budget) : null;
  if (edits) {
    for (const edit of edits) out.push(edit.op, edit.op === "added" ? midB[edit.b] : midA[edit.a]);
  } else {
    out.push("removed", midA.join(""));
    out.push("added", midB.join(""));
  }
  out.push("same", tokensA.slice(endA).join(""));
}

function* myersOnStrings(a: string[], b: string[], budget: Budget): Steps<Edit[] | null> {
  const ids = new Map<string, number>();
  return yield* myers(intern(a, ids), intern(b, ids), MAX_EDIT_DISTANCE, budget);
}

/**
 * Aligns two lists of paragraph ids. Paragraphs that occur exactly once on each side are anchors
 * (patience diff): the longest run of them in the same order is kept, and the gaps between them
 * are aligned the same way, or with Myers when a gap has no anchor. A long story with scattered
 * edits thus costs O(n log n), where Myers alone would cost O(n·D) and give up; whatever the
 * budget cannot align is reported as replaced.
 */
function* alignLines(a: Int32Array, b: Int32Array, budget: Budget): Steps<Edit[]> {
  const edits: Edit[] = [];
  yield* alignRange(a, b, { aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }, edits, budget, 0);
  return edits;
}

type Range = { aLo: number; aHi: number; bLo: number; bHi: number };

/** Gaps without anchors longer than this (lines, both sides together) are reported as replaced. */
const MAX_UNANCHORED_LINES = 2_000;

/** How many times anchoring may recurse into a gap before Myers takes over. */
const MAX_ANCHOR_DEPTH = 4;

function* alignRange(a: Int32Array, b: Int32Array, range: Range, edits: Edit[], budget: Budget, depth: number): Steps<void> {
  let { aLo, aHi, bLo, bHi } = range;
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) edits.push({ op: "same", a: aLo++, b: bLo++ });
  const tail: Edit[] = [];
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) tail.push({ op: "same", a: --aHi, b: --bHi });
  if (aLo < aHi && bLo < bHi) {
    yield* spend(budget, aHi - aLo + bHi - bLo);
    const anchors = depth < MAX_ANCHOR_DEPTH ? uniqueAnchors(a, b, { aLo, aHi, bLo, bHi }) : [];
    if (anchors.length > 0) {
      let nextA = aLo;
      let nextB = bLo;
      for (const [atA, atB] of anchors) {
        yield* alignRange(a, b, { aLo: nextA, aHi: atA, bLo: nextB, bHi: atB }, edits, budget, depth + 1);
        edits.push({ op: "same", a: atA, b: atB });
        nextA = atA + 1;
        nextB = atB + 1;
      }
      yield* alignRange(a, b, { aLo: nextA, aHi, bLo: nextB, bHi }, edits, budget, depth + 1);
    } else {
      // A long stretch without one shared unique paragraph is a rewrite: aligning its blank lines
      // and repeated phrases would cost the whole budget and show nothing a reader could use.
      const small = aHi - aLo + bHi - bLo <= MAX_UNANCHORED_LINES;
      const found = small && budget.left > 0 ? yield* myers(a.subarray(aLo, aHi), b.subarray(bLo, bHi), MAX_EDIT_DISTANCE, budget) : null;
      if (found) for (const edit of found) edits.push({ op: edit.op, a: edit.a + aLo, b: edit.b + bLo });
      else replaced(edits, { aLo, aHi, bLo, bHi });
    }
  } else {
    replaced(edits, { aLo, aHi, bLo, bHi });
  }
  for (let i = tail.length - 1; i >= 0; i--) edits.push(tail[i]);
}

function replaced(edits: Edit[], { aLo, aHi, bLo, bHi }: Range): void {
  for (let i = aLo; i < aHi; i++) edits.push({ op: "removed", a: i, b: bLo });
  for (let j = bLo; j < bHi; j++) edits.push({ op: "added", a: aHi, b: j });
}

/** Ids unique on both sides of the range, as [indexA, indexB] pairs, longest run in the same order. */
function uniqueAnchors(a: Int32Array, b: Int32Array, { aLo, aHi, bLo, bHi }: Range): Array<[number, number]> {
  const seen = new Map<number, { inA: number; inB: number; atB: number }>();
  for (let i = aLo; i < aHi; i++) {
    const entry = seen.get(a[i]);
    if (entry) entry.inA++;
    else seen.set(a[i], { inA: 1, inB: 0, atB: -1 });
  }
  for (let j = bLo; j < bHi; j++) {
    const entry = seen.get(b[j]);
    if (entry) {
      entry.inB++;
      entry.atB = j;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const entry = seen.get(a[i])!;
    if (entry.inA === 1 && entry.inB === 1) pairs.push([i, entry.atB]);
  }
  return longestIncreasingInB(pairs);
}

/** Patience sorting: the longest subsequence of `pairs` (ordered by A) whose B indexes increase. */
function longestIncreasingInB(pairs: Array<[number, number]>): Array<[number, number]> {
  const pileTops: number[] = [];
  const previous = new Int32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    let lo = 0;
    let hi = pileTops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[pileTops[mid]][1] < pairs[i][1]) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? pileTops[lo - 1] : -1;
    pileTops[lo] = i;
  }
  const result: Array<[number, number]> = [];
  for (let i = pileTops.length ? pileTops[pileTops.length - 1] : -1; i !== -1; i = previous[i]) result.push(pairs[i]);
  return result.reverse();
}

/**
 * The whole comparison: paragraphs first, then words inside each changed run when `words` is set
 * and the run is small enough. Appends to `out`.
 */
function* diffTexts(a: string, b: string, out: PartBuilder, budget: Budget, words: boolean): Steps<void> {
  if (a === b) return void out.push("same", a);
  // Counting is cheap; splitting a megabyte of one-character lines into strings is not.
  if (hasMoreLinesThan(a, MAX_ALIGNED_LINES) || hasMoreLinesThan(b, MAX_ALIGNED_LINES)) {
    out.push("removed", a);
    out.push("added", b);
    return;
  }
  const linesA = yield* splitLinesInSteps(a);
  const linesB = yield* splitLinesInSteps(b);
  const { start, endA, endB } = commonEnds(linesA, linesB);
  out.push("same", linesA.slice(0, start).join(""));
  const midA = linesA.slice(start, endA);
  const midB = linesB.slice(start, endB);
  const lineIds = new Map<string, number>();
  const idsA = yield* internInSteps(midA, lineIds);
  const idsB = yield* internInSteps(midB, lineIds);
  const edits = yield* alignLines(idsA, idsB, budget);

  let removed: string[] = [];
  let added: string[] = [];
  const flushRun = function* (): Steps<void> {
    const before = removed.join("");
    const after = added.join("");
    removed = [];
    added = [];
    if (words && before && after && before.length <= MAX_WORD_RUN_CHARS && after.length <= MAX_WORD_RUN_CHARS && budget.left > 0) {
      yield* diffRunByWords(before, after, out, budget);
    } else {
      out.push("removed", before);
      out.push("added", after);
    }
  };
  for (const edit of edits) {
    if (edit.op === "same") {
      yield* flushRun();
      out.push("same", midA[edit.a]);
    } else if (edit.op === "removed") removed.push(midA[edit.a]);
    else added.push(midB[edit.b]);
  }
  yield* flushRun();
  out.push("same", linesA.slice(endA).join(""));
}

/**
 * Readers scan a diff for changed phrases, not for the single spaces that happen to match
 * between two different sentences. A whitespace-only "same" part sandwiched between changes is
 * folded into both sides, and the removed/added runs around it are regrouped.
 */
function foldWhitespace(parts: DiffPart[]): DiffPart[] {
  const result: DiffPart[] = [];
  let i = 0;
  while (i < parts.length) {
    if (parts[i].kind === "same") {
      result.push(parts[i]);
      i++;
      continue;
    }
    // Absorb spaces between changes, but never a line break: paragraph boundaries stay visible.
    let removed = "";
    let added = "";
    while (i < parts.length) {
      const part = parts[i];
      if (part.kind === "removed") removed += part.text;
      else if (part.kind === "added") added += part.text;
      else if (/^[^\S\n]+$/u.test(part.text) && i + 1 < parts.length && parts[i + 1].kind !== "same") {
        removed += part.text;
        added += part.text;
      } else break;
      i++;
    }
    if (removed) result.push({ kind: "removed", text: removed });
    if (added) result.push({ kind: "added", text: added });
  }
  return result;
}

function newBudget(): Budget {
  return { left: WORK_BUDGET, sinceCheckpoint: 0 };
}

function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Longest stretch a sliced comparison holds the event loop before letting other work run. */
const SLICE_MS = 4;

/** setImmediate lets pending I/O run without the 1 ms floor of a timer; browsers only have timers. */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

async function runInSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Word-level diff of two texts; see the module comment for the reassembly guarantee and the bounds. */
export function diffWords(a: string, b: string): DiffPart[] {
  const out = new PartBuilder();
  runToEnd(diffTexts(a, b, out, newBudget(), true));
  return foldWhitespace(out.parts);
}

/** A run of the paragraph view: unchanged paragraphs are counted, changed ones shown (up to the cap). */
export type ParagraphBlock = { kind: "same"; paragraphs: number } | { kind: "removed" | "added"; text: string; truncated: boolean };

export type TextComparison =
  | { mode: "words"; parts: DiffPart[] }
  | {
      /** The texts are too large to compare word by word. */
      mode: "paragraphs";
      blocks: ParagraphBlock[];
      /** Changed paragraphs (removed plus added) in all, and how many of them `blocks` leaves out. */
      changedParagraphs: number;
      omittedParagraphs: number;
    };

function* paragraphView(parts: DiffPart[]): Steps<TextComparison> {
  const blocks: ParagraphBlock[] = [];
  let shown = 0;
  let changedParagraphs = 0;
  let omittedParagraphs = 0;
  for (const part of parts) {
    if (part.kind === "same") {
      let paragraphs = 0;
      yield* paragraphsOf(part.text, () => void paragraphs++);
      if (paragraphs > 0) blocks.push({ kind: "same", paragraphs });
      continue;
    }
    const kind = part.kind;
    yield* paragraphsOf(part.text, (start, end) => {
      changedParagraphs++;
      const last = blocks[blocks.length - 1];
      const joins = last !== undefined && last.kind === kind && !last.truncated;
      const room = PARAGRAPH_VIEW_MAX_CHARS - shown - (joins ? 1 : 0);
      if (room <= 0) {
        omittedParagraphs++;
        return;
      }
      const whole = end - start <= room;
      const text = part.text.slice(start, whole ? end : start + room);
      if (joins && whole) {
        last.text += `\n${text}`;
        shown += text.length + 1;
      } else {
        blocks.push({ kind, text, truncated: !whole });
        shown += text.length;
      }
    });
  }
  return { mode: "paragraphs", blocks, changedParagraphs, omittedParagraphs };
}

/**
 * For the server: the same comparison as `diffWords`, computed in slices so that other requests
 * are served between them. Texts over WORD_DIFF_MAX_CHARS get the paragraph view, whose output is
 * bounded by PARAGRAPH_VIEW_MAX_CHARS whatever the input.
 */
export async function compareTexts(a: string, b: string): Promise<TextComparison> {
  const out = new PartBuilder();
  const words = a.length <= WORD_DIFF_MAX_CHARS && b.length <= WORD_DIFF_MAX_CHARS;
  await runInSlices(diffTexts(a, b, out, newBudget(), words));
  return words ? { mode: "words", parts: foldWhitespace(out.parts) } : runInSlices(paragraphView(out.parts));
}
