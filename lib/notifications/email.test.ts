import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser } from "@/lib/testing/fixtures";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { createStory } from "@/lib/stories/commands";
import { addComment } from "@/lib/comments/commands";
import { transitionStory } from "@/lib/publishing/commands";
import { emailPendingNotifications } from "./commands";
import type { SendEmail } from "./mailer";

let handle: DbHandle;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let send: SendEmail;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  sink = await startSmtpSink();
  // The same client and settings the server uses, over real SMTP on loopback.
  const transport = nodemailer.createTransport(`smtp://127.0.0.1:${sink.port}?ignoreTLS=true`);
  send = async (email) => void (await transport.sendMail({ from: "Dateline <no-reply@dateline.test>", ...email }));
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await sink?.close();
  await handle?.close();
});

it("emails a reporter whose story was sent back, once, and retries after the mail server refused", async () => {
  const reporter = await insertUser(handle, "reporter", "Rana Haddad");
  const editor = await insertUser(handle, "editor", "Lina Editor");
  const section = await insertSection(handle);
  const created = await createStory(reporter, draftOf({ headline: "Aleppo appeal", sectionId: section.id }));
  if (!created.ok) throw new Error(created.message);
  await transitionStory(reporter, { storyId: created.storyId, action: "submit" });
  await transitionStory(editor, { storyId: created.storyId, action: "request_changes", note: "Add the quote." });
  const [reporterRow] = await handle.db.select().from(schema.users).where(eq(schema.users.id, reporter.id));

  sink.refuse(true);
  expect(await emailPendingNotifications(send, "https://news.example.org")).toBe(0);
  expect(sink.messages).toHaveLength(0);
  const pending = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, reporter.id));
  expect(pending.every((n) => n.emailedAt === null)).toBe(true);

  sink.refuse(false);
  expect(await emailPendingNotifications(send, "https://news.example.org")).toBeGreaterThanOrEqual(2);
  const toReporter = sink.messages.filter((m) => m.to.some((t) => t.includes(reporterRow!.email)));
  expect(toReporter).toHaveLength(1);
  const body = decodeQuotedPrintable(toReporter[0]!.data);
  expect(body).toContain("“Aleppo appeal” was sent back with a note.");
  expect(body).toContain(`https://news.example.org/desk/stories/${created.storyId}`);
  // The editors heard about the submission; nobody is emailed twice.
  const count = sink.messages.length;
  expect(await emailPendingNotifications(send, "https://news.example.org")).toBe(0);
  expect(sink.messages).toHaveLength(count);
});

it("does not email a note about a story its recipient may no longer see by the time the sweep runs", async () => {
  const reporter = await insertUser(handle, "reporter", "Rana Haddad");
  const section = await insertSection(handle);
  const created = await createStory(reporter, draftOf({ headline: "Hospital strike ends", sectionId: section.id }));
  if (!created.ok) throw new Error(created.message);
  const demoted = await insertUser(handle, "editor", "Nadia Desk");
  expect((await addComment(demoted, { storyId: created.storyId, body: "Who confirmed this?" })).ok).toBe(true);
  expect((await addComment(reporter, { storyId: created.storyId, body: "The union did." })).ok).toBe(true);
  // Before the sweep, the editor who commented becomes a reporter: the draft is not theirs to see.
  await handle.db.update(schema.users).set({ role: "reporter" }).where(eq(schema.users.id, demoted.id));
  const [demotedRow] = await handle.db.select().from(schema.users).where(eq(schema.users.id, demoted.id));

  sink.refuse(false);
  await emailPendingNotifications(send, "https://news.example.org");
  expect(sink.messages.filter((m) => m.to.some((t) => t.includes(demotedRow!.email)))).toEqual([]);
  // Claimed all the same: it is never sent later either.
  const pending = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, demoted.id));
  expect(pending.length).toBeGreaterThan(0);
  expect(pending.every((n) => n.emailedAt !== null)).toBe(true);
  expect(await emailPendingNotifications(send, "https://news.example.org")).toBe(0);
});

/** The mail body as a reader sees it (non-ASCII text travels quoted-printable). */
function decodeQuotedPrintable(data: string): string {
  const bytes = data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}
