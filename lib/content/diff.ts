/**
 * Word-level diff for revision comparison (desk: "what changed since the last published
 * version"). Whitespace is kept as its own token so that the parts always reassemble into the
 * original texts exactly:
 *   same + removed, in order === a        same + added, in order === b
 *
 * Myers' O(ND) algorithm on interned tokens after trimming the common prefix and suffix. A
 * revision usually changes little, so D is small and the diff is fast. When D is large (a
 * rewrite), the exact diff gets quadratic; we then diff paragraph lines first and word-diff
 * only inside changed paragraphs, and finally give up on minimality (whole region removed, whole
 * region added) rather than on latency.
 */

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

// Words keep inner apostrophes and hyphens ("don't", "well-known"); other punctuation stands
// alone so "said," vs "said." differs by one character, not one word.
const TOKEN_PATTERN = /[\p{L}\p{N}\p{M}_]+(?:['’\-][\p{L}\p{N}\p{M}_]+)*|\s+|[\s\S]/gu;

/** Edit-distance budget for one Myers run; keeps worst-case work and trace memory bounded. */
const MAX_EDIT_DISTANCE = 2000;

function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

type Op = "same" | "added" | "removed";
type Edit = { op: Op; a: number; b: number };

/**
 * Myers' greedy forward search, recording one V snapshot per edit step for the backtrack.
 * Returns null when the edit distance exceeds `maxD`.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
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

function intern(tokens: string[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let id = ids.get(tokens[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(tokens[i], id);
    }
    out[i] = id;
  }
  return out;
}

/** Diffs two token lists, appending to `out`. `splitLines` enables the paragraph fallback. */
function diffTokens(a: string[], b: string[], out: PartBuilder, splitLines: boolean): void {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  out.push("same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);

  if (midA.length === 0 || midB.length === 0) {
    out.push("removed", midA.join(""));
    out.push("added", midB.join(""));
  } else {
    const ids = new Map<string, number>();
    const edits = myers(intern(midA, ids), intern(midB, ids), MAX_EDIT_DISTANCE);
    if (edits) {
      for (const edit of edits) {
        out.push(edit.op, edit.op === "added" ? midB[edit.b] : midA[edit.a]);
      }
    } else if (splitLines) {
      diffByLines(midA.join(""), midB.join(""), out);
    } else {
      out.push("removed", midA.join(""));
      out.push("added", midB.join(""));
    }
  }
  out.push("same", a.slice(endA).join(""));
}

function splitLinesKeepingBreaks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}

/**
 * Coarse pass for heavily rewritten texts: align whole lines (paragraphs), then word-diff each
 * changed run of lines on its own, where D is much smaller than for the whole text.
 */
function diffByLines(a: string, b: string, out: PartBuilder): void {
  const linesA = splitLinesKeepingBreaks(a);
  const linesB = splitLinesKeepingBreaks(b);
  const ids = new Map<string, number>();
  const edits = myers(intern(linesA, ids), intern(linesB, ids), MAX_EDIT_DISTANCE);
  if (!edits) {
    out.push("removed", a);
    out.push("added", b);
    return;
  }
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) {
      diffTokens(tokenize(removed.join("")), tokenize(added.join("")), out, false);
    }
    removed = [];
    added = [];
  };
  for (const edit of edits) {
    if (edit.op === "same") {
      flush();
      out.push("same", linesA[edit.a]);
    } else if (edit.op === "removed") removed.push(linesA[edit.a]);
    else added.push(linesB[edit.b]);
  }
  flush();
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

/** Word-level diff of two texts; see the module comment for the reassembly guarantee. */
export function diffWords(a: string, b: string): DiffPart[] {
  const out = new PartBuilder();
  diffTokens(tokenize(a), tokenize(b), out, true);
  return foldWhitespace(out.parts);
}
