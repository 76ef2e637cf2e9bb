/** Signs in through next-auth's real Credentials flow and keeps the cookies, like a browser would. */
export type HttpSession = {
  get: (path: string) => Promise<Response>;
  postJson: (path: string, body: unknown) => Promise<Response>;
  cookieHeader: () => string;
};

export async function signIn(origin: string, email: string, password: string): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  remember(response);
  if (![...jar.keys()].some((k) => k.endsWith("dateline.session"))) {
    throw new Error(`sign-in failed for ${email} (${response.status}): ${decodeURIComponent(await response.text()).slice(0, 1500)}`);
  }
  return {
    cookieHeader,
    get: (path) => fetch(`${origin}${path}`, { headers: { cookie: cookieHeader() } }),
    postJson: (path, body) =>
      fetch(`${origin}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie: cookieHeader(), origin }, body: JSON.stringify(body) }),
  };
}
