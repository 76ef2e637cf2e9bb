import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import {
  BASE_URL,
  createPerson,
  inviteSomeone,
  NAV_LINKS,
  navLinkNames,
  newContextAs,
  newContextFromIp,
  PEOPLE,
  ROLE_LABEL,
  signIn,
  signInToDesk,
  storageStateFor,
  uniqueEmail,
  type Role,
} from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

const DESK = `${BASE_URL}/desk`;
const LOGIN = /\/login(\?|$)/;

async function openPersonPage(adminPage: Page, name: string): Promise<void> {
  await adminPage.goto("/desk/people");
  await adminPage.getByRole("link", { name, exact: true }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function expectThrownOut(page: Page): Promise<void> {
  await page.goto("/desk");
  await expect(page).toHaveURL(LOGIN);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
}

/** A failed sign-in from its own address, so the shared 127.0.0.1 bucket stays clean. */
async function expectSignInRefused(browser: Browser, who: { email: string; password: string }, message: string | RegExp = "Invalid email or password") {
  const context = await newContextFromIp(browser);
  const page = await context.newPage();
  await signIn(page, who);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(message);
  await expect(page).toHaveURL(LOGIN);
  await context.close();
}

test.describe("roles and the desk", () => {
  for (const role of ["admin", "editor", "reporter"] as Role[]) {
    test(`the ${role} signs in and sees exactly the ${role}'s navigation, name and role`, async ({ browser }) => {
      const context = await browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      await signInToDesk(page, PEOPLE[role]);
      expect(await navLinkNames(page)).toEqual(NAV_LINKS[role]);
      const header = page.getByRole("banner");
      await expect(header.getByRole("link", { name: PEOPLE[role].name, exact: true })).toBeVisible();
      await expect(header).toContainText(`(${ROLE_LABEL[role]})`);
      await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

      // The session cookie: HttpOnly, SameSite=Lax, about 12 hours (not Secure: plain-http localhost).
      const cookie = (await context.cookies()).find((c) => c.name === "dateline.session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
      const hoursLeft = (cookie!.expires * 1000 - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(11.9);
      expect(hoursLeft).toBeLessThanOrEqual(12.01);

      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL(LOGIN);
      await expectThrownOut(page);
      await context.close();
    });
  }

  test("people and audit pages answer 404 to editors and reporters, and work for admins", async ({ adminPage, editorPage, reporterPage }) => {
    for (const page of [editorPage, reporterPage]) {
      for (const path of ["/desk/people", "/desk/audit"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${path}`).toBe(404);
        await expect(page.getByRole("button", { name: "Invite someone" })).toHaveCount(0);
      }
    }
    expect((await adminPage.goto("/desk/people"))?.status()).toBe(200);
    await expect(adminPage.getByRole("button", { name: "Invite someone", exact: true })).toBeVisible();
    expect((await adminPage.goto("/desk/audit"))?.status()).toBe(200);
    await expect(adminPage.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  });
});

test.describe("sign-in", () => {
  test("says exactly 'Invalid email or password' for an unknown email and for a wrong password", async ({ browser }) => {
    await expectSignInRefused(browser, { email: uniqueEmail("nobody"), password: "some password" });
    // From its own address, so it counts against nobody else's sign-ins.
    await expectSignInRefused(browser, { email: PEOPLE.reporter.email, password: "not the reporter's password" });
  });

  test("five wrong passwords from one address lock the account there only: its owner still signs in from their own", async ({ browser }) => {
    const attacker = await newContextFromIp(browser);
    const page = await attacker.newPage();
    for (let i = 0; i < 5; i++) {
      await signIn(page, { email: PEOPLE.admin.email, password: `wrong password ${i}` });
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password");
    }
    // Even the right password is refused from there now, before any checking.
    await signIn(page, PEOPLE.admin);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many attempts, try again in 15 minutes");
    await expect(page).toHaveURL(LOGIN);
    await attacker.close();

    const owner = await newContextFromIp(browser);
    await signInToDesk(await owner.newPage(), PEOPLE.admin);
    await owner.close();
  });

  // "/.//127.0.0.1:4399/phish": the review's case, which parsing used to normalise into "//127.0.0.1:4399/phish".
  const EVIL_CALLBACKS = ["/.//127.0.0.1:4399/phish", "/x/..//127.0.0.1:4399/phish", "//evil.com", "/\\evil.com", `https://localhost:${new URL(BASE_URL).port}@evil.com`, "https://evil.com/desk", "javascript:alert(document.domain)"];
  for (const evil of EVIL_CALLBACKS) {
    test(`ignores callbackUrl=${evil} and lands on /desk`, async ({ browser }) => {
      const context = await browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      let dialog = false;
      page.on("dialog", (d) => {
        dialog = true;
        void d.dismiss();
      });
      await signIn(page, PEOPLE.reporter, evil);
      await expect(page).toHaveURL(DESK);
      await expect(page.getByRole("navigation", { name: "Newsroom" })).toBeVisible();
      expect(dialog).toBe(false);
      await context.close();
    });
  }

  test("follows a same-origin callbackUrl", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await signIn(page, PEOPLE.reporter, "/desk/account");
    await expect(page).toHaveURL(`${BASE_URL}/desk/account`);
    await context.close();
  });
});

test.describe("sessions end when the database says so", () => {
  test("a deactivated person's open session, and a copy of its cookie, are thrown out", async ({ browser, adminPage }) => {
    const { person, context, page } = await createPerson(browser, "reporter", "deactivated");
    const copy = await browser.newContext({ baseURL: BASE_URL, storageState: await context.storageState() });
    const copyPage = await copy.newPage();
    await copyPage.goto("/desk");
    await expect(copyPage).toHaveURL(DESK);
    expect(await (await copy.request.get("/api/auth/session")).json()).toMatchObject({ user: { email: person.email } });

    await openPersonPage(adminPage, person.name);
    await adminPage.getByRole("button", { name: "Deactivate", exact: true }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: "Deactivated." })).toBeVisible();

    await expectThrownOut(page);
    await expectThrownOut(copyPage);
    // next-auth's own session endpoint agrees, and does not re-issue the cookie.
    const session = await copy.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
    expect(session.headers()["set-cookie"] ?? "").not.toMatch(/dateline\.session=[^;]/);
    await expectSignInRefused(browser, person);
    await context.close();
    await copy.close();
  });

  test("a role change ends the session; signing in again shows the new role's navigation", async ({ browser, adminPage }) => {
    const { person, context, page } = await createPerson(browser, "editor", "demoted");
    expect(await navLinkNames(page)).toEqual(NAV_LINKS.editor);
    await openPersonPage(adminPage, person.name);
    await adminPage.getByRole("combobox", { name: "Role", exact: true }).selectOption({ label: "Reporter" });
    await adminPage.getByRole("button", { name: "Change role", exact: true }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: "Role changed to Reporter" })).toBeVisible();

    await expectThrownOut(page);
    await signInToDesk(page, person);
    expect(await navLinkNames(page)).toEqual(NAV_LINKS.reporter);
    await expect(page.getByRole("banner")).toContainText("(Reporter)");
    await context.close();
  });

  test("a password reset link sets a new password and ends the old sessions", async ({ browser, adminPage }) => {
    const { person, context, page } = await createPerson(browser, "reporter", "reset");
    await openPersonPage(adminPage, person.name);
    await adminPage.getByRole("button", { name: "Create password reset link", exact: true }).click();
    const link = adminPage.getByLabel("Password reset link", { exact: true });
    await expect(link).toHaveValue(/\/reset\/[A-Za-z0-9_-]{43}$/);
    const resetUrl = await link.inputValue();

    const elsewhere = await browser.newContext({ baseURL: BASE_URL });
    const resetPage = await elsewhere.newPage();
    await resetPage.goto(resetUrl);
    await resetPage.getByRole("textbox", { name: "New password", exact: true }).fill("a completely new password");
    await resetPage.getByRole("button", { name: "Set new password", exact: true }).click();
    await expect(resetPage).toHaveURL(DESK);

    await expectThrownOut(page);
    await expectSignInRefused(browser, person);
    await signInToDesk(page, { email: person.email, password: "a completely new password" });

    await resetPage.goto(resetUrl);
    await expect(resetPage.getByRole("heading", { level: 1, name: "This reset link does not work" })).toBeVisible();
    await context.close();
    await elsewhere.close();
  });

  test("'Sign out' ends that session on the server: a copy of its cookie no longer opens the desk, other browsers stay signed in", async ({ browser }) => {
    const laptop = await browser.newContext({ baseURL: BASE_URL });
    const laptopPage = await laptop.newPage();
    await signInToDesk(laptopPage, PEOPLE.editor);
    const phone = await browser.newContext({ baseURL: BASE_URL });
    const phonePage = await phone.newPage();
    await signInToDesk(phonePage, PEOPLE.editor);

    // Someone copies the laptop's cookie while it is signed in; it works for them, for now.
    const thief = await browser.newContext({ baseURL: BASE_URL });
    await thief.addCookies((await laptop.cookies()).filter((c) => c.name === "dateline.session"));
    const thiefPage = await thief.newPage();
    await thiefPage.goto("/desk");
    await expect(thiefPage).toHaveURL(DESK);

    await laptopPage.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(laptopPage).toHaveURL(LOGIN);
    await expectThrownOut(thiefPage);
    await phonePage.goto("/desk");
    await expect(phonePage).toHaveURL(DESK);
    await expect(phonePage.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
    for (const context of [laptop, phone, thief]) await context.close();
  });

  test("'Sign out everywhere' ends the person's sessions in every browser", async ({ browser }) => {
    const { person, context, page } = await createPerson(browser, "reporter", "everywhere");
    const laptop = await browser.newContext({ baseURL: BASE_URL });
    const laptopPage = await laptop.newPage();
    await signInToDesk(laptopPage, person);

    await page.goto("/desk/account");
    await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
    await expect(page).toHaveURL(LOGIN);
    await expectThrownOut(laptopPage);
    await context.close();
    await laptop.close();
  });
});

test.describe("invites", () => {
  test("an invite link works once", async ({ browser, adminPage }) => {
    const email = uniqueEmail("once");
    const url = await inviteSomeone(adminPage, { name: "Olive Once", email, role: "reporter" });
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await page.getByRole("textbox", { name: "Password", exact: true }).fill("olive's own password");
    await page.getByRole("button", { name: "Join newsroom", exact: true }).click();
    await expect(page).toHaveURL(DESK);
    expect(await navLinkNames(page)).toEqual(NAV_LINKS.reporter);

    const again = await browser.newContext({ baseURL: BASE_URL });
    const againPage = await again.newPage();
    await againPage.goto(url);
    await expect(againPage.getByRole("heading", { level: 1, name: "This invite link does not work" })).toBeVisible();
    await expect(againPage.getByRole("button", { name: "Join newsroom" })).toHaveCount(0);
    await context.close();
    await again.close();
  });
});

test.describe("the audit log", () => {
  test("shows a failed sign-in with the address the trusted proxy saw, and filters by person", async ({ browser, adminPage }) => {
    const email = uniqueEmail("audited");
    // Client-written entries to the left of what the (one) trusted proxy saw are ignored.
    const context = await browser.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.50, 198.51.100.23" } });
    const page = await context.newPage();
    await signIn(page, { email, password: "a wrong password" });
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password");
    await context.close();

    await adminPage.goto("/desk/audit");
    await adminPage.getByRole("textbox", { name: "Person or email", exact: true }).fill(email);
    await adminPage.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(adminPage).toHaveURL(/person=/);
    const rows = adminPage.locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Sign-in failed");
    await expect(rows.first()).toContainText("198.51.100.23");
    await expect(rows.first()).not.toContainText("203.0.113.50");

    await adminPage.goto("/desk/audit?action=people.join");
    await expect(adminPage.locator("tbody tr").filter({ hasText: PEOPLE.reporter.name }).first()).toContainText("Joined the newsroom");
  });
});

test.describe("the server guards every action", () => {
  test("a captured admin-only action replayed with a reporter's or editor's cookie is refused and writes nothing", async ({ adminPage }) => {
    const original = uniqueEmail("replay-original");
    await adminPage.goto("/desk/people");
    await adminPage.getByRole("button", { name: "Invite someone", exact: true }).click();
    await adminPage.getByRole("textbox", { name: "Name", exact: true }).fill("Replay Original");
    await adminPage.getByRole("textbox", { name: "Email", exact: true }).fill(original);
    await adminPage.getByRole("combobox", { name: "Role", exact: true }).selectOption({ label: "Admin" });
    const captured = adminPage.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await adminPage.getByRole("button", { name: "Create invite", exact: true }).click();
    const request = await captured;
    await expect(adminPage.getByLabel("Invite link", { exact: true })).toHaveValue(/\/invite\//);

    const headers = request.headers();
    const body = request.postDataBuffer()!.toString("utf8");
    expect(body).toContain(original);
    const replay = async (storageState: string | undefined, email: string) => {
      const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState });
      const response = await ctx.post(new URL(request.url()).pathname, {
        headers: {
          "next-action": headers["next-action"]!,
          "next-router-state-tree": headers["next-router-state-tree"] ?? "",
          "content-type": headers["content-type"]!,
          accept: "text/x-component",
          origin: BASE_URL,
        },
        data: Buffer.from(body.replaceAll(original, email), "utf8"),
        maxRedirects: 0,
      });
      const result = { status: response.status(), text: await response.text(), headers: response.headers() };
      await ctx.dispose();
      return result;
    };

    const asReporter = uniqueEmail("replay-reporter");
    const reporterReply = await replay(storageStateFor("reporter"), asReporter);
    expect(reporterReply.text).toContain("You do not have permission to manage people.");
    expect(reporterReply.text).not.toContain("/invite/");

    const asEditor = uniqueEmail("replay-editor");
    const editorReply = await replay(storageStateFor("editor"), asEditor);
    expect(editorReply.text).toContain("You do not have permission to manage people.");

    const anonymous = uniqueEmail("replay-anonymous");
    const anonymousReply = await replay(undefined, anonymous);
    expect(anonymousReply.text).not.toContain("/invite/");
    expect(anonymousReply.headers["x-action-redirect"] ?? anonymousReply.headers["location"] ?? "").toContain("/login");

    // Control: the very same replay with the admin's cookie does create an invite, so the refusals
    // above are the guard at work and not a malformed request.
    const asAdmin = uniqueEmail("replay-admin");
    const adminReply = await replay(storageStateFor("admin"), asAdmin);
    expect(adminReply.text).toContain("/invite/");

    await adminPage.goto("/desk/people");
    const pending = adminPage.getByRole("region", { name: "Pending invites" });
    await expect(pending).toContainText(original);
    await expect(pending).toContainText(asAdmin);
    for (const refused of [asReporter, asEditor, anonymous]) {
      await expect(pending).not.toContainText(refused);
      await adminPage.goto(`/desk/audit?person=${encodeURIComponent(refused)}`);
      await expect(adminPage.getByText("No events match these filters.")).toBeVisible();
      await adminPage.goto("/desk/people");
    }
    await adminPage.goto(`/desk/audit?person=${encodeURIComponent(asAdmin)}&action=people.invite`);
    await expect(adminPage.locator("tbody tr")).toHaveCount(1);
  });

  test("a reporter's replayed role change on themselves is refused too", async ({ browser }) => {
    // A reporter who captured a change-role form from an admin's page still cannot promote themselves.
    const { person, context } = await createPerson(browser, "reporter", "climber");
    const admin = await newContextAs(browser, "admin");
    const adminPage = await admin.newPage();
    await openPersonPage(adminPage, person.name);
    await adminPage.getByRole("combobox", { name: "Role", exact: true }).selectOption({ label: "Reporter" });
    const captured = adminPage.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await adminPage.getByRole("button", { name: "Change role", exact: true }).click();
    const request = await captured;
    await expect(adminPage.getByRole("status").filter({ hasText: "already their role" })).toBeVisible();
    const original = request.postDataBuffer()!.toString("utf8");
    const body = original.replace(/(name="[^"]*role"\r\n\r\n)reporter\r\n/, "$1admin\r\n");
    expect(body).not.toBe(original);

    const reply = await context.request.post(new URL(request.url()).pathname, {
      headers: { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"]!, accept: "text/x-component", origin: BASE_URL },
      data: Buffer.from(body, "utf8"),
    });
    expect(await reply.text()).toContain("You do not have permission to manage people.");
    await adminPage.reload();
    await expect(adminPage.getByRole("definition").filter({ hasText: /^Reporter$/ })).toBeVisible();
    await admin.close();
    await context.close();
  });
});

test.describe("accessibility", () => {
  test("the people, person, audit, account, invite and reset pages pass axe", async ({ browser, adminPage }) => {
    await adminPage.goto("/desk/people");
    await adminPage.getByRole("button", { name: "Invite someone", exact: true }).click();
    await expectNoAxeViolations(adminPage);
    const inviteUrl = await inviteSomeone(adminPage, { name: "Axel Axe", email: uniqueEmail("axe"), role: "editor" });
    await expectNoAxeViolations(adminPage);

    await openPersonPage(adminPage, PEOPLE.reporter.name);
    await expectNoAxeViolations(adminPage);
    await adminPage.goto("/desk/audit");
    await expectNoAxeViolations(adminPage);
    await adminPage.goto("/desk/account");
    await expectNoAxeViolations(adminPage);

    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await page.goto(inviteUrl);
    await expectNoAxeViolations(page);
    await page.goto("/reset/not-a-real-token");
    await expect(page.getByRole("heading", { level: 1, name: "This reset link does not work" })).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
