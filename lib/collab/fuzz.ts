/**
 * The convergence fuzzer: several clients edit one story's shared document at once through the
 * real collaboration endpoint, with seeded random edits made directly on their Y documents
 * (typing, deleting, bold/italic/links, paragraphs, headings, lists, figures, undo, the headline),
 * dropping off and editing offline at random. After each batch of rounds, once everything is
 * quiet, every client's document, the stored document and the derived working copy must be
 * identical and valid. The seed decides every edit; a failure names it, and `--seed` replays it
 * (network timing still varies, so a replay is the same edits, not the same interleaving).
 */
import * as Y from "yjs";
import { validateStoryBody } from "@/lib/content/validate";
import { readEditorStory } from "@/lib/stories/queries";
import { BODY_FIELD, FIELDS_MAP, readBodyJson, readSharedFields } from "./document-shape";
import { deriveWorkingCopy } from "./derive";
import { loadStoredDocument } from "./queries";
import { connectClient, eventually, type CollabTestServer, type TestClient } from "./test-support";

/** mulberry32: small, fast and good enough to pick edits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["council", "budget", "minister", "said", "on", "Tuesday", "the", "vote", "passed", "élan", "مجلس", "42%", "“quoted”"];

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

function paragraphWithText(text: string, type = "paragraph", attrs: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(type);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** Every XmlText in the body that holds inline content (paragraphs and headings, in lists too). */
function textBlocks(fragment: Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement && child.nodeName !== "figure") walk(child);
    }
  };
  walk(fragment);
  return out;
}

/** One random edit on one client's document, always one the bound editor could make. */
export function randomEdit(rng: Rng, doc: Y.Doc, undo: Y.UndoManager): string {
  const fragment = doc.getXmlFragment(BODY_FIELD);
  const texts = textBlocks(fragment);
  const roll = rng();
  if (roll < 0.35 && texts.length > 0) {
    const text = pick(rng, texts);
    text.insert(int(rng, text.length + 1), `${pick(rng, WORDS)} `);
    return "type";
  }
  if (roll < 0.5 && texts.length > 0) {
    const text = pick(rng, texts);
    if (text.length === 0) return "noop";
    const at = int(rng, text.length);
    text.delete(at, 1 + int(rng, Math.min(8, text.length - at)));
    return "delete";
  }
  if (roll < 0.6 && texts.length > 0) {
    const text = pick(rng, texts);
    if (text.length === 0) return "noop";
    const at = int(rng, text.length);
    const length = 1 + int(rng, text.length - at);
    const mark = pick(rng, ["bold", "italic", "link", "unbold"] as const);
    if (mark === "link") text.format(at, length, { link: { href: `https://example.org/${int(rng, 100)}` } });
    else if (mark === "unbold") text.format(at, length, { bold: null });
    else text.format(at, length, { [mark]: {} });
    return `format:${mark}`;
  }
  if (roll < 0.72) {
    const at = int(rng, fragment.length + 1);
    const kind = pick(rng, ["paragraph", "heading", "bulletList", "orderedList", "figure", "blockquote"] as const);
    if (kind === "paragraph") fragment.insert(at, [paragraphWithText(pick(rng, WORDS))]);
    else if (kind === "heading") fragment.insert(at, [paragraphWithText(pick(rng, WORDS), "heading", { level: pick(rng, [2, 3, 4]) })]);
    else if (kind === "figure") {
      const figure = new Y.XmlElement("figure");
      // Only the newsroom's own media may be a figure (DATELINE_IMAGE_ORIGINS aside): a foreign image is refused.
      figure.setAttribute("src", pick(rng, ["/media/a.jpg", "/media/b.png"]));
      figure.setAttribute("alt", "A figure");
      figure.setAttribute("caption", pick(rng, WORDS));
      fragment.insert(at, [figure]);
    } else {
      const list = new Y.XmlElement(kind === "blockquote" ? "blockquote" : kind);
      if (kind === "blockquote") list.insert(0, [paragraphWithText(pick(rng, WORDS))]);
      else {
        const item = new Y.XmlElement("listItem");
        item.insert(0, [paragraphWithText(pick(rng, WORDS))]);
        list.insert(0, [item]);
      }
      fragment.insert(at, [list]);
    }
    return `block:${kind}`;
  }
  // Stories have a length: past 30 blocks, deleting wins, so the document stays story-sized.
  if ((roll < 0.8 || fragment.length > 30) && fragment.length > 1) {
    fragment.delete(int(rng, fragment.length), 1);
    return "delete-block";
  }
  if (roll < 0.9) {
    const headline = doc.getMap(FIELDS_MAP).get("headline");
    if (headline instanceof Y.Text) {
      if (rng() < 0.7 || headline.length < 3) headline.insert(int(rng, headline.length + 1), pick(rng, WORDS).slice(0, 6));
      else headline.delete(int(rng, headline.length - 1), 1);
    }
    return "headline";
  }
  undo.undo();
  return "undo";
}

export type FuzzOptions = {
  server: CollabTestServer;
  storyId: string;
  cookies: string[];
  seed: number;
  rounds: number;
  /** Rounds between full checks (quiet, then compare everything). */
  checkEvery?: number;
  log?: (line: string) => void;
};

function snapshot(doc: Y.Doc): string {
  return JSON.stringify({ body: readBodyJson(doc), fields: readSharedFields(doc) });
}

async function waitQuiet(clients: TestClient[], server: CollabTestServer, storyId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const settled = clients.every((c) => c.provider.isSynced && c.provider.unsyncedChanges === 0);
    const serverDoc = server.collab.hocuspocus.documents.get(storyId);
    if (settled && serverDoc) {
      const expected = snapshot(serverDoc);
      if (clients.every((c) => snapshot(c.doc) === expected)) return;
    }
    if (Date.now() > deadline) {
      const states = clients.map(
        (c) =>
          `synced=${c.provider.isSynced} unsynced=${c.provider.unsyncedChanges} authenticated=${c.provider.isAuthenticated} socket=${c.socket.status} shouldConnect=${c.socket.shouldConnect} closes=${JSON.stringify(c.closes)}`,
      );
      throw new Error(`no convergence within ${timeoutMs} ms: ${states.join("; ")}`);
    }
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Runs the fuzzer; throws an Error whose message starts with the seed on any divergence. */
export async function runConvergenceFuzz(options: FuzzOptions): Promise<{ rounds: number; edits: number; checks: number }> {
  const rng = seededRandom(options.seed);
  const checkEvery = options.checkEvery ?? 50;
  const clients = options.cookies.map((cookie) => connectClient({ port: options.server.port, storyId: options.storyId, cookie }));
  const undos = clients.map((c) => new Y.UndoManager([c.doc.getXmlFragment(BODY_FIELD), c.doc.getMap(FIELDS_MAP)], { captureTimeout: 0 }));
  const online = clients.map(() => true);
  let edits = 0;
  let checks = 0;
  try {
    await Promise.all(clients.map((c) => c.settled()));
    for (let round = 1; round <= options.rounds; round++) {
      for (let i = 0; i < clients.length; i++) {
        const roll = rng();
        if (roll < 0.04 && online[i]) {
          clients[i]!.disconnect();
          online[i] = false;
        } else if (roll < 0.12 && !online[i] && clients[i]!.socket.status === "disconnected") {
          // The provider ignores connect() until its previous socket has finished closing.
          void clients[i]!.connect();
          online[i] = true;
        }
        // One transaction per client per round: one update on the wire, as a burst of keys is.
        const count = 1 + int(rng, 3);
        clients[i]!.doc.transact(() => {
          for (let n = count; n > 0; n--) randomEdit(rng, clients[i]!.doc, undos[i]!);
        });
        edits += count;
      }
      // Let messages interleave with the next round's edits, as keystrokes do.
      await new Promise((r) => setImmediate(r));
      if (round % checkEvery === 0 || round === options.rounds) {
        for (let i = 0; i < clients.length; i++) {
          if (!online[i]) {
            const client = clients[i]!;
            await eventually(() => client.socket.status === "disconnected", "the dropped socket to close");
            void client.connect();
            online[i] = true;
          }
        }
        await waitQuiet(clients, options.server, options.storyId);
        await checkEverything(clients, options.storyId, options.server);
        checks++;
        options.log?.(`seed ${options.seed}: ${round}/${options.rounds} rounds, ${edits} edits, converged`);
      }
    }
    return { rounds: options.rounds, edits, checks };
  } catch (error) {
    throw new Error(`Convergence fuzz failed with seed ${options.seed} (replay: npm run fuzz:collab -- --seed ${options.seed}): ${(error as Error).message}`);
  } finally {
    for (const undo of undos) undo.destroy();
    for (const client of clients) client.destroy();
  }
}

async function checkEverything(clients: TestClient[], storyId: string, server: CollabTestServer): Promise<void> {
  const expected = snapshot(clients[0]!.doc);
  const stored = await loadStoredDocument(storyId);
  const storedDoc = new Y.Doc();
  Y.applyUpdate(storedDoc, stored.state!);
  for (const update of stored.updates) Y.applyUpdate(storedDoc, update);
  if (snapshot(storedDoc) !== expected) throw new Error("the stored document differs from the clients'");

  const body = validateStoryBody(readBodyJson(storedDoc));
  if (!body.ok) throw new Error(`the document is not schema-valid: ${body.message}`);
  await server.collab.flush();
  const row = await readEditorStory(storyId);
  const derived = deriveWorkingCopy(storedDoc, row!);
  if (!derived.ok) throw new Error(`the document does not derive: ${derived.message}`);
  // jsonb stores object keys in its own order: compare canonically.
  if (canonical(row!.body) !== canonical(derived.draft.body)) {
    const a = canonical(row!.body);
    const b = canonical(derived.draft.body);
    let at = 0;
    while (a[at] === b[at]) at++;
    throw new Error(`the working copy's body differs from the document (version ${row!.version}) at ${at}: row …${a.slice(at - 80, at + 80)}… document …${b.slice(at - 80, at + 80)}…`);
  }
  if (row!.headline !== derived.draft.headline) throw new Error("the working copy's headline differs from the document");
  storedDoc.destroy();
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
