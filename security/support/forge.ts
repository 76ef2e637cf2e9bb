/**
 * A forged client: server actions and route handlers called over plain HTTP, the way a script
 * (not the app's own pages) would call them.
 *
 * Server actions are a POST to any page with a `Next-Action: <id>` header and the arguments in
 * React's reply encoding (react-server-dom client `encodeReply`, decoded by `decodeReply` /
 * `decodeReplyFromBusboy` on the server):
 * - plain values: the argument array as JSON, sent as text/plain; a string starting with "$" is
 *   escaped as "$$…" (a single "$" starts a reference).
 * - a FormData argument: a multipart body. The FormData's entries are sent as `_<n>_<name>`
 *   fields and the argument array as field `0`, with the FormData in it as "$K<n>" (hex). Field
 *   `0` must come last: the server decodes it as soon as it arrives and only sees the entries
 *   before it.
 * The answer is an RSC payload: row `0` names the action's result (`"a":"$@<row>"`), a redirect
 * comes back as the `x-action-redirect` header, an error as status 500.
 */

export type ActionAnswer = {
  status: number;
  redirect: string | null;
  /** The action's return value, undefined when it returned nothing or the payload had none. */
  result: unknown;
  text: string;
  setCookies: string[];
};

export type Outcome = "allowed" | "refused";

function escapeReplyValue(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReplyValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeReplyValue(v)]));
  return value;
}

export type ActionBody = { kind: "json"; args: unknown[] } | { kind: "form"; fields: Record<string, string>; prevState?: unknown };

export function encodeActionBody(body: ActionBody): { contentType?: string; payload: string | FormData } {
  if (body.kind === "json") return { contentType: "text/plain;charset=UTF-8", payload: JSON.stringify(escapeReplyValue(body.args)) };
  const form = new FormData();
  for (const [name, value] of Object.entries(body.fields)) form.append(`_1_${name}`, value);
  form.append("0", JSON.stringify([escapeReplyValue(body.prevState ?? { ok: false }), "$K1"]));
  return { payload: form };
}

/** Parses an RSC payload's rows (`<hex id>:<json>`) and returns the action result row's value. */
export function actionResultOf(text: string): unknown {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const root = rows.get("0");
  if (!root) return undefined;
  let parsed: { a?: unknown };
  try {
    parsed = JSON.parse(root) as { a?: unknown };
  } catch {
    return undefined;
  }
  if (typeof parsed.a !== "string" || !parsed.a.startsWith("$@")) return parsed.a;
  const row = rows.get(parsed.a.slice(2));
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row);
  } catch {
    return row;
  }
}

export async function postAction(
  origin: string,
  page: string,
  actionId: string,
  body: ActionBody,
  options: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<ActionAnswer> {
  const { contentType, payload } = encodeActionBody(body);
  const headers: Record<string, string> = { "Next-Action": actionId, accept: "text/x-component", ...options.headers };
  if (contentType) headers["content-type"] = contentType;
  if (options.cookie) headers.cookie = options.cookie;
  const sentOrigin = options.origin === undefined ? origin : options.origin;
  if (sentOrigin !== null) headers.origin = sentOrigin;
  const response = await fetch(`${origin}${page}`, { method: "POST", headers, body: payload, redirect: "manual" });
  const text = await response.text();
  return {
    status: response.status,
    redirect: response.headers.get("x-action-redirect") ?? (response.status >= 300 && response.status < 400 ? response.headers.get("location") : null),
    result: response.headers.get("content-type")?.includes("text/x-component") ? actionResultOf(text) : undefined,
    text,
    setCookies: response.headers.getSetCookie(),
  };
}

/**
 * What the caller got, as the attacker sees it. Refused: an error status, a redirect to sign-in,
 * or a result with ok:false. Allowed: a 200 whose result is not a refusal (ok:true, nothing, or a
 * redirect to somewhere other than sign-in).
 */
export function classifyAction(answer: ActionAnswer): Outcome {
  if (answer.status >= 400) return "refused";
  // requireViewer() sends a caller without a live session to sign in, naming where they were going;
  // signing out also ends at /login, but without a callbackUrl.
  if (answer.redirect && /^\/login\?callbackUrl=/.test(answer.redirect)) return "refused";
  if (answer.status >= 300) return "refused";
  const result = answer.result as { ok?: unknown } | undefined;
  if (result && typeof result === "object" && "ok" in result && result.ok !== true) return "refused";
  return "allowed";
}

export function describeAnswer(answer: ActionAnswer): string {
  return `${answer.status} redirect=${answer.redirect ?? "-"} result=${JSON.stringify(answer.result)?.slice(0, 300)}`;
}

/** A 1×1 PNG: the smallest image the upload route accepts. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export function uploadForm(extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", new Blob([TINY_PNG], { type: "image/png" }), "pixel.png");
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}
