/**
 * Search keys: extra index terms that let the GIN index answer what a tsvector alone cannot
 * answer cheaply at archive scale. Each published revision carries (column search_keys, built
 * by the SQL function dateline_search_keys in the migrations):
 *
 *   - word pairs "a~d~b": lexeme b stands d (1 to 3) positions after lexeme a. A phrase of
 *     common words ("security council") otherwise means reading and checking the positions of
 *     every story containing both words; with pairs the index finds the few that have them
 *     side by side, and only those are checked.
 *   - the day and month it was published ("~d20261202", "~m202612"), so the newest matches of a
 *     common word come from the index, window by window, instead of from reading every recent
 *     story to test it.
 *
 * The words of a query come from PostgreSQL itself (websearch_to_tsquery, the same stemming as
 * the index); this module reads its text form and derives a key query that every matching story
 * also matches, so adding it to the search can only remove stories that could not match anyway.
 * Pure: unit-tested without a database.
 */

/** How far apart two words of a pair may be: "said the minister" is 'said' <2> 'minist'. */
export const MAX_PAIR_DISTANCE = 3;

type Node =
  | { kind: "word"; lexeme: string; prefix: boolean }
  | { kind: "not"; operand: Node }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "phrase"; distance: number; left: Node; right: Node };

/** A key query: a set of alternatives, each a set of keys that must all be present. null = no condition. */
type KeyQuery = string[][] | null;

const and = (a: KeyQuery, b: KeyQuery): KeyQuery => {
  if (a === null) return b;
  if (b === null) return a;
  // Distribute: (x | y) & (z) = (x & z) | (y & z). Queries are short, so this stays small.
  const out: string[][] = [];
  for (const x of a) for (const y of b) out.push([...new Set([...x, ...y])]);
  return out.length > 16 ? a : out;
};
const or = (a: KeyQuery, b: KeyQuery): KeyQuery => (a === null || b === null ? null : [...a, ...b]);

function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === " ") {
      i++;
    } else if (ch === "'") {
      let j = i + 1;
      let lexeme = "";
      for (;;) {
        if (j >= text.length) return null;
        if (text[j] === "'" && text[j + 1] === "'") {
          lexeme += "'";
          j += 2;
        } else if (text[j] === "'") {
          j++;
          break;
        } else {
          lexeme += text[j++];
        }
      }
      let suffix = "";
      if (text[j] === ":") {
        const match = /^:[*A-D]+/.exec(text.slice(j));
        if (!match) return null;
        suffix = match[0];
        j += suffix.length;
      }
      tokens.push(`'${lexeme}${suffix.includes("*") ? "\u0000*" : ""}`);
      i = j;
    } else if (ch === "<") {
      const match = /^<(-|\d+)>/.exec(text.slice(i));
      if (!match) return null;
      tokens.push(match[1] === "-" ? "<1>" : `<${match[1]}>`);
      i += match[0].length;
    } else if ("!&|()".includes(ch)) {
      tokens.push(ch);
      i++;
    } else {
      return null;
    }
  }
  return tokens;
}

/** Parses PostgreSQL's text form of a tsquery; null when it is not one (never throws). */
export function parseTsquery(text: string): Node | null {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let at = 0;
  const peek = () => tokens[at];
  // Precedence, loosest first: | then & then <N> then !.
  const parseOr = (): Node | null => {
    let left = parseAnd();
    while (left && peek() === "|") {
      at++;
      const right = parseAnd();
      left = right ? { kind: "or", left, right } : null;
    }
    return left;
  };
  const parseAnd = (): Node | null => {
    let left = parsePhrase();
    while (left && peek() === "&") {
      at++;
      const right = parsePhrase();
      left = right ? { kind: "and", left, right } : null;
    }
    return left;
  };
  const parsePhrase = (): Node | null => {
    let left = parseUnary();
    while (left && peek()?.startsWith("<")) {
      const distance = Number(peek()!.slice(1, -1));
      at++;
      const right = parseUnary();
      left = right ? { kind: "phrase", distance, left, right } : null;
    }
    return left;
  };
  const parseUnary = (): Node | null => {
    const token = peek();
    if (token === undefined) return null;
    at++;
    if (token === "!") {
      const operand = parseUnary();
      return operand ? { kind: "not", operand } : null;
    }
    if (token === "(") {
      const inner = parseOr();
      if (peek() !== ")") return null;
      at++;
      return inner;
    }
    if (token.startsWith("'")) {
      const prefix = token.endsWith("\u0000*");
      return { kind: "word", lexeme: prefix ? token.slice(1, -2) : token.slice(1), prefix };
    }
    return null;
  };
  const tree = parseOr();
  return tree && at === tokens.length ? tree : null;
}

/** The word at one end of a phrase operand, when that end is a plain word. */
function edgeWord(node: Node, end: "first" | "last"): string | null {
  if (node.kind === "word") return node.prefix || node.lexeme.includes("~") ? null : node.lexeme;
  if (node.kind === "phrase") return edgeWord(end === "first" ? node.left : node.right, end);
  return null;
}

function keysOf(node: Node): KeyQuery {
  switch (node.kind) {
    case "word":
    case "not":
      return null;
    case "and":
      return and(keysOf(node.left), keysOf(node.right));
    case "or":
      return or(keysOf(node.left), keysOf(node.right));
    case "phrase": {
      const inner = and(keysOf(node.left), keysOf(node.right));
      const a = edgeWord(node.left, "last");
      const b = edgeWord(node.right, "first");
      if (!a || !b || node.distance < 1 || node.distance > MAX_PAIR_DISTANCE) return inner;
      return and(inner, [[`${a}~${node.distance}~${b}`]]);
    }
  }
}

/**
 * The pair keys a story must have to match any of the given tsqueries (their text forms, as
 * PostgreSQL prints them), as alternatives of keys that must all be present; null when the
 * queries have no phrase the pairs can check (or cannot be read: then no condition at all).
 */
export function phraseKeys(tsqueries: readonly string[]): string[][] | null {
  let result: KeyQuery = [];
  for (const text of tsqueries) {
    if (text.trim() === "") continue; // matches nothing: adds no alternative
    const tree = parseTsquery(text);
    if (!tree) return null;
    result = or(result, keysOf(tree));
  }
  return result === null || result.length === 0 ? null : result;
}

/** Keys for the day and month (UTC) of `date`, as dateline_search_keys writes them. */
export function dayKey(date: Date): string {
  return `~d${date.toISOString().slice(0, 10).replaceAll("-", "")}`;
}
export function monthKey(date: Date): string {
  return `~m${date.toISOString().slice(0, 7).replace("-", "")}`;
}

/**
 * Keys covering [since, until): whole days at the ends, whole months in between. The window is
 * widened to whole days; callers still bound it by time, so the keys only have to cover it.
 */
export function periodKeys(since: Date, until: Date): string[] {
  const keys: string[] = [];
  const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  while (day < until) {
    const isMonthStart = day.getUTCDate() === 1;
    const monthEnd = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
    if (isMonthStart && monthEnd <= until) {
      keys.push(monthKey(day));
      day.setTime(monthEnd.getTime());
    } else {
      keys.push(dayKey(day));
      day.setUTCDate(day.getUTCDate() + 1);
    }
  }
  return keys;
}

/** A tsquery literal (text form) of alternatives of keys: ('a' & 'b') | ('c'). */
export function keyQueryText(alternatives: readonly (readonly string[])[]): string {
  const quote = (key: string) => `'${key.replaceAll("'", "''")}'`;
  return alternatives.map((keys) => `(${keys.map(quote).join(" & ")})`).join(" | ");
}
