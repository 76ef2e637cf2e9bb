import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fingerprintDatabase } from "@/lib/db/fingerprint";
import { deactivateUser, endAllSessions } from "@/lib/people/commands";
import { createStory } from "@/lib/stories/commands";
import { transitionStory } from "@/lib/publishing/commands";
import { readEditorStory } from "@/lib/stories/queries";
import { moveStoryToTrash } from "@/lib/stories/trash";
import { insertUser, withTestDatabase, type TestUser } from "@/lib/testing/accounts";
import { draftOf } from "@/lib/testing/fixtures";
import { compactDocument } from "./commands";
import { BODY_FIELD, FIELDS_MAP, readBodyJson } from "./document-shape";
import { loadStoredDocument } from "./queries";
import { connectClient, eventually, probeUpgrade, sessionCookieFor, startCollabTestServer, type CollabTestServer } from "./test-support";

const db = withTestDatabase();
let server: CollabTestServer;
let reporter: TestUser;
let otherReporter: TestUser;
let editor: TestUser;
let admin: TestUser;

beforeAll(async () => {
  reporter = await insertUser(db.handle(), { role: "reporter" });
  otherReporter = await insertUser(db.handle(), { role: "reporter" });
  editor = await insertUser(db.handle(), { role: "editor" });
  admin = await insertUser(db.handle(), { role: "admin" });
  server = await startCollabTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function newStory(author: TestUser, body = "The council voted on Tuesday."): Promise<string> {
  const result = await createStory(author, draftOf({ headline: "Council approves budget", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: body }] }] } }));
  if (!result.ok) throw new Error(result.message);
  return result.storyId;
}

/** Appends text to the first paragraph, the way the bound editor would. */
function typeInto(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement;
  const xmlText = paragraph.get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

function storedText(stored: { state: Uint8Array | null; updates: Uint8Array[] }): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.state!);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return JSON.stringify(readBodyJson(doc));
}

describe("the collaboration endpoint", () => {
  it("opens an existing story as a shared document with its text, and writes the working copy back within a second", async () => {
    const storyId = await newStory(reporter);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    try {
      await client.settled();
      expect(JSON.stringify(readBodyJson(client.doc))).toContain("The council voted on Tuesday.");
      expect((client.doc.getMap(FIELDS_MAP).get("headline") as Y.Text).toString()).toBe("Council approves budget");
      typeInto(client.doc, " It passed.");
      await client.settled();
      const started = Date.now();
      await eventually(async () => (await readEditorStory(storyId))!.version > 1, "the working copy");
      expect(Date.now() - started).toBeLessThan(1500);
      const row = await readEditorStory(storyId);
      expect(JSON.stringify(row!.body)).toContain("The council voted on Tuesday. It passed.");
    } finally {
      client.destroy();
    }
  });

  it("stores every acknowledged change before acknowledging it: a new server over the same database has them", async () => {
    const storyId = await newStory(reporter);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    await client.settled();
    for (let i = 0; i < 20; i++) typeInto(client.doc, ` word${i}`);
    await client.settled();
    // Acknowledged means stored: read the database now, before any debounce or unload.
    expect(storedText(await loadStoredDocument(storyId))).toContain("word19");
    client.destroy();

    const second = await startCollabTestServer();
    try {
      const again = connectClient({ port: second.port, storyId, cookie: await sessionCookieFor(editor) });
      await again.settled();
      expect(JSON.stringify(readBodyJson(again.doc))).toContain("word0 word1 word2");
      expect(JSON.stringify(readBodyJson(again.doc))).toContain("word19");
      again.destroy();
    } finally {
      await second.stop();
    }
  });

  it("compaction folds the log into the state and leaves the document identical", async () => {
    const storyId = await newStory(reporter);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    await client.settled();
    for (let i = 0; i < 30; i++) {
      typeInto(client.doc, ` x${i}`);
      // Deletions too, so compaction has garbage to collect.
      if (i % 3 === 0) ((client.doc.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 1);
    }
    await client.settled();
    const before = await loadStoredDocument(storyId);
    expect(before.updates.length).toBeGreaterThan(10);
    const folded = await compactDocument(storyId);
    expect(folded.folded).toBe(before.updates.length);
    const after = await loadStoredDocument(storyId);
    expect(after.updates).toHaveLength(0);
    expect(storedText(after)).toBe(storedText(before));
    expect(storedText(after)).toBe(JSON.stringify(readBodyJson(client.doc)));
    client.destroy();
  });

  it("refuses an out-of-schema element, a javascript: link and an unknown part through a real socket; nothing is stored", async () => {
    const storyId = await newStory(reporter);
    const cookie = await sessionCookieFor(reporter);
    const attacks: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getXmlFragment(BODY_FIELD).insert(0, [new Y.XmlElement("script")]),
      (doc) => {
        const text = (doc.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.format(0, 3, { link: { href: "javascript:alert(1)" } });
      },
      (doc) => {
        const text = (doc.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.format(0, 3, { underline: {} });
      },
      (doc) => doc.getMap("anything").set("x", "y".repeat(1000)),
      (doc) => doc.getMap(FIELDS_MAP).set("status", "published"),
    ];
    for (const attack of attacks) {
      const client = connectClient({ port: server.port, storyId, cookie, reconnect: false });
      await client.settled();
      const before = await fingerprintDatabase(db.handle().db);
      attack(client.doc);
      await eventually(() => client.closes.some((c) => c.code === 4422), "the refusal");
      client.destroy();
      expect(await fingerprintDatabase(db.handle().db)).toEqual(before);
    }
  });

  it("gives a reporter on a story in review a read-only socket: the server refuses the change and stores nothing", async () => {
    const storyId = await newStory(reporter);
    const submitted = await transitionStory(reporter, { storyId, action: "submit" });
    expect(submitted.ok).toBe(true);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    await eventually(() => client.provider.isSynced, "sync");
    const before = await fingerprintDatabase(db.handle().db);
    typeInto(client.doc, " sneaked in");
    await new Promise((r) => setTimeout(r, 500));
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(await fingerprintDatabase(db.handle().db)).toEqual(before);
    client.destroy();
  });

  it("turns every connection read-only within a second when the story enters review", async () => {
    const storyId = await newStory(reporter);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    await client.settled();
    expect(await transitionStory(reporter, { storyId, action: "submit" })).toMatchObject({ ok: true });
    const took = await eventually(
      () => [...server.collab.hocuspocus.documents.get(storyId)!.getConnections()].every((c) => c.readOnly),
      "read-only",
      3000,
    );
    expect(took).toBeLessThan(1500);
    client.destroy();
  });

  it("turns an editor's open socket read-only within a second when the story goes to the trash, and opens a trashed story read-only", async () => {
    const storyId = await newStory(reporter);
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(editor) });
    await client.settled();
    expect(await moveStoryToTrash(reporter, storyId)).toMatchObject({ ok: true });
    const took = await eventually(
      () => [...server.collab.hocuspocus.documents.get(storyId)!.getConnections()].every((c) => c.readOnly),
      "read-only",
      3000,
    );
    expect(took).toBeLessThan(1500);
    const before = await fingerprintDatabase(db.handle().db);
    typeInto(client.doc, " typed into the trash");
    await new Promise((r) => setTimeout(r, 500));
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(await fingerprintDatabase(db.handle().db)).toEqual(before);
    client.destroy();

    // Opened after it went to the trash: read-only from the start, for the author too.
    const late = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(reporter) });
    await eventually(() => late.provider.isSynced, "sync");
    const beforeLate = await fingerprintDatabase(db.handle().db);
    typeInto(late.doc, " and again");
    await new Promise((r) => setTimeout(r, 500));
    expect(late.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(await fingerprintDatabase(db.handle().db)).toEqual(beforeLate);
    late.destroy();
  });

  it("closes a person's sockets within 5 s of deactivation and of signing out everywhere", async () => {
    const storyId = await newStory(editor);
    const victim = await insertUser(db.handle(), { role: "editor" });
    const client = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(victim), reconnect: false });
    await client.settled();
    expect(await deactivateUser(admin, victim.id, null)).toMatchObject({ ok: true });
    const took = await eventually(() => client.closes.some((c) => c.code === 4401), "the close", 6000);
    expect(took).toBeLessThan(5000);
    client.destroy();

    const other = await insertUser(db.handle(), { role: "editor" });
    const second = connectClient({ port: server.port, storyId, cookie: await sessionCookieFor(other), reconnect: false });
    await second.settled();
    await endAllSessions(other, null);
    await eventually(() => second.closes.some((c) => c.code === 4401), "the close", 6000);
    second.destroy();
  });

  it("refuses before the upgrade: no session, another site's Origin, someone else's draft, a story that does not exist", async () => {
    const storyId = await newStory(reporter);
    const url = `ws://127.0.0.1:${server.port}/desk/collab/${storyId}`;
    const origin = server.origin;
    // Signing in writes a session row: do it before taking the fingerprint the refusals must keep.
    const [reporterCookie, otherReporterCookie, editorCookie] = [await sessionCookieFor(reporter), await sessionCookieFor(otherReporter), await sessionCookieFor(editor)];
    const before = await fingerprintDatabase(db.handle().db);
    expect(await probeUpgrade(url, { origin })).toMatchObject({ opened: false, status: 401 });
    expect(await probeUpgrade(url, { origin: "https://evil.example", cookie: reporterCookie })).toMatchObject({ opened: false, status: 403 });
    expect(await probeUpgrade(url, { cookie: reporterCookie })).toMatchObject({ opened: false, status: 403 });
    expect(await probeUpgrade(url, { origin, cookie: otherReporterCookie })).toMatchObject({ opened: false, status: 404 });
    expect(await probeUpgrade(`ws://127.0.0.1:${server.port}/desk/collab/00000000-0000-4000-8000-000000000000`, { origin, cookie: editorCookie })).toMatchObject({ opened: false, status: 404 });
    expect(await fingerprintDatabase(db.handle().db)).toEqual(before);
  });

  it("refuses a socket that asks for another story's document than its address names", async () => {
    const mine = await newStory(reporter);
    const theirs = await newStory(otherReporter, "Secret draft text");
    // The address names my story; the document asked for inside the socket is theirs.
    const sneaky = connectClient({ port: server.port, storyId: mine, documentName: theirs, cookie: await sessionCookieFor(reporter), reconnect: false });
    let refused = false;
    sneaky.provider.on("authenticationFailed", () => (refused = true));
    await eventually(() => refused, "the refusal");
    expect(JSON.stringify(readBodyJson(sneaky.doc))).not.toContain("Secret draft text");
    expect(server.collab.hocuspocus.documents.has(theirs)).toBe(false);
    sneaky.destroy();
  });

  it("closes a socket that sends a malformed message, and keeps serving the others", async () => {
    const storyId = await newStory(reporter);
    const cookie = await sessionCookieFor(reporter);
    const bystander = connectClient({ port: server.port, storyId, cookie });
    await bystander.settled();
    const raw = await probeUpgrade(`ws://127.0.0.1:${server.port}/desk/collab/${storyId}`, { origin: server.origin, cookie });
    expect(raw.opened).toBe(true);
    const closed = new Promise<number>((resolve) => raw.socket!.on("close", (code) => resolve(code)));
    raw.socket!.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(await closed).toBeGreaterThanOrEqual(4000);
    typeInto(bystander.doc, " still here");
    await bystander.settled();
    bystander.destroy();
  });

  it("throttles socket opens from one address", async () => {
    const limited = await startCollabTestServer({ opensPerMinute: 5 });
    try {
      const storyId = await newStory(reporter);
      const url = `ws://127.0.0.1:${limited.port}/desk/collab/${storyId}`;
      const statuses: Array<number | undefined> = [];
      for (let i = 0; i < 7; i++) {
        const result = await probeUpgrade(url, { origin: limited.origin, cookie: await sessionCookieFor(reporter) });
        statuses.push(result.status);
        result.socket?.terminate();
      }
      expect(statuses.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
