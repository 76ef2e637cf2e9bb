/**
 * `npm run test:security`: forged requests against the real production build on a throw-away
 * embedded database, signed in over HTTP as anonymous, reporter, editor, admin and a deactivated
 * account whose cookie was captured before it was deactivated.
 *
 * Every server action and route handler in the build is called by every caller and must be
 * allowed or refused exactly as security/expectations.ts says; a refused call must leave the
 * database fingerprint (row count + md5 of every table) unchanged. Requests run one at a time so
 * fingerprints compare cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { can, ROLES } from "@/lib/auth/policy";
import { ACTION_EXPECTATIONS, CALLERS, ROUTE_EXPECTATIONS, type Caller } from "./expectations";
import { classifyAction, describeAnswer } from "./support/forge";
import { readActionManifest, readRoutes, sourceRouteFiles, sourceServerActions } from "./support/inventory";
import { Newsroom } from "./support/newsroom";
import { ACTION_SCENARIOS, ROUTE_SCENARIOS } from "./support/scenarios";

const PORT = Number(process.env.SECURITY_PORT ?? 3471);
let n: Newsroom;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-security-"));
  n = await Newsroom.start(PORT, dataDir);
}, 120_000);

afterAll(async () => {
  const code = await n?.server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

const ACTIONS = readActionManifest();
const ROUTES = readRoutes();

describe("inventory: nothing reachable over HTTP is left without an expectation", () => {
  it("every server action in the build has a row in the expectations table, and every row an action", () => {
    expect(ACTIONS.length).toBeGreaterThan(0);
    expect(ACTIONS.map((a) => a.key).sort()).toEqual(Object.keys(ACTION_EXPECTATIONS).sort());
  });

  it('every export of a "use server" module is an action in the build (none is reachable unlisted)', () => {
    expect(sourceServerActions()).toEqual(ACTIONS.map((a) => a.key).sort());
  });

  it("every route handler and each method it exports has a row, and every row a route", () => {
    expect(ROUTES.map((r) => r.key).sort()).toEqual(Object.keys(ROUTE_EXPECTATIONS).sort());
    const built = new Set(ROUTES.map((r) => r.file));
    for (const file of sourceRouteFiles()) expect(built, `${file} is not in the build's app-paths manifest`).toContain(file);
  });

  it("every row has a scenario that exercises it", () => {
    expect(Object.keys(ACTION_SCENARIOS).sort()).toEqual(Object.keys(ACTION_EXPECTATIONS).sort());
    expect(Object.keys(ROUTE_SCENARIOS).sort()).toEqual(Object.keys(ROUTE_EXPECTATIONS).sort());
  });

  it("rows that follow a named permission agree with lib/auth/policy.ts, and no one without a live session is allowed", () => {
    for (const [key, row] of [...Object.entries(ACTION_EXPECTATIONS), ...Object.entries(ROUTE_EXPECTATIONS)]) {
      if (row.permission) {
        for (const role of ROLES) expect(row.allowed[role], `${key}: ${role} and ${row.permission}`).toBe(can(role, row.permission));
        expect(row.allowed.anonymous, key).toBe(false);
        expect(row.allowed.deactivated, key).toBe(false);
      }
    }
  });
});

type Fingerprint = Record<string, string>;

function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

describe("server actions: every caller, as a forged client", () => {
  const cases = ACTIONS.flatMap((action) => CALLERS.map((caller) => [action.key, caller] as const));
  it.each(cases)("%s as %s", async (key, caller) => {
    const expected = ACTION_EXPECTATIONS[key]!;
    const person = n.callers.get(caller as Caller)!;
    const call = await ACTION_SCENARIOS[key]!(n, caller as Caller, person);
    const before = await n.fingerprint();
    const answer = await n.call(key, call.body, person.cookie, { params: call.params });
    const after = await n.fingerprint();
    const outcome = classifyAction(answer);
    if (expected.allowed[caller as Caller]) {
      expect(outcome, describeAnswer(answer)).toBe("allowed");
      if (expected.writesWhenAllowed === false) expect(changedTables(before, after)).toEqual([]);
      if (expected.writesWhenAllowed === true) expect(changedTables(before, after)).not.toEqual([]);
      if (call.endsSession) await n.renew(caller as Caller);
    } else {
      expect(outcome, describeAnswer(answer)).toBe("refused");
      expect(changedTables(before, after), describeAnswer(answer)).toEqual([]);
      // A refusal tells nothing more than that: no stack trace, no SQL, no server copy of the row.
      expect(answer.text).not.toMatch(/\bat [\w.]+ \(|syntax error|PostgresError|pglite/i);
    }
  });
});

describe("route handlers: every caller", () => {
  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.key, caller] as const));
  it.each(cases)("%s as %s", async (key, caller) => {
    const expected = ROUTE_EXPECTATIONS[key]!;
    const person = n.callers.get(caller as Caller)!;
    const call = await ROUTE_SCENARIOS[key]!(n, caller as Caller, person);
    const before = await n.fingerprint();
    const response = await fetch(`${n.origin}${call.path}`, {
      method: call.method,
      headers: { cookie: person.cookie, ...(call.method === "GET" ? {} : { origin: n.origin }), ...call.headers },
      body: call.body,
      redirect: "manual",
    });
    const text = await response.text();
    const after = await n.fingerprint();
    const summary = `${response.status} ${text.slice(0, 200)}`;
    if (expected.allowed[caller as Caller]) {
      expect(response.status, summary).toBeGreaterThanOrEqual(200);
      expect(response.status, summary).toBeLessThan(300);
      if (expected.writesWhenAllowed === false) expect(changedTables(before, after)).toEqual([]);
      if (expected.writesWhenAllowed === true) expect(changedTables(before, after)).not.toEqual([]);
    } else {
      // Refused: an error status, or next-auth's redirect back to its sign-in page.
      const refused = (response.status >= 400 && response.status < 500) || (response.status >= 300 && response.status < 400);
      expect(refused, summary).toBe(true);
      expect(changedTables(before, after), summary).toEqual([]);
    }
  });
});

describe("route handlers: methods a handler does not export", () => {
  const files = [...new Set(ROUTES.map((r) => r.file))];
  it.each(files)("%s answers 405 to them, even for an admin, and writes nothing", async (file) => {
    const exported = ROUTES.filter((r) => r.file === file);
    const methods = new Set(exported.map((r) => r.key.split(" ")[0]));
    const admin = n.callers.get("admin")!;
    const sample = await ROUTE_SCENARIOS[exported[0]!.key]!(n, "admin", admin);
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !methods.has(m))) {
      const before = await n.fingerprint();
      const response = await fetch(`${n.origin}${sample.path}`, {
        method,
        headers: { cookie: admin.cookie, origin: n.origin, "content-type": "application/json" },
        body: method === "GET" ? undefined : "{}",
        redirect: "manual",
      });
      const text = await response.text();
      expect(response.status, `${method} ${sample.path}: ${text.slice(0, 120)}`).toBe(405);
      expect(changedTables(before, await n.fingerprint())).toEqual([]);
    }
  });
});
