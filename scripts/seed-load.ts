/**
 * `npm run seed:load -- --stories 100000`: a realistic published archive for load and speed tests,
 * written straight into the database in batches (embedded PGlite in DATELINE_DATA_DIR or .data, or
 * PostgreSQL at DATABASE_URL). Deterministic (seeded), so two runs build the same archive.
 *
 * What it makes: the newsroom settings (if missing), a section tree around the sample sections,
 * 40 staff reporters, 300 tags, the sample article (as setup publishes it) and N stories over ten
 * years, ~90 % English, ~8 % Arabic, ~2 % French, each with a published revision whose HTML is
 * rendered by the same renderer as publishing, bylines, tags, and the odd later update.
 *
 * Options: --stories N (default 1000), --data-dir DIR, --batch N (default 500), --quiet.
 * The server must not be running on the same embedded data directory (the lock refuses it).
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type DbHandle } from "../lib/db/open";
import * as schema from "../lib/db/schema";
import { renderStoryHtml } from "../lib/content/render";
import { docToPlainText, plainTextToDoc, countWords } from "../lib/content/text";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { suggestSlug } from "../lib/stories/slug";

type Options = { stories: number; dataDir: string; batch: number; quiet: boolean };

function parseArgs(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const stories = Number(value("--stories") ?? 1000);
  const batch = Number(value("--batch") ?? 500);
  if (!Number.isInteger(stories) || stories < 0 || stories > 2_000_000) throw new Error("--stories must be a whole number up to 2,000,000");
  if (!Number.isInteger(batch) || batch < 1 || batch > 2000) throw new Error("--batch must be between 1 and 2000");
  return { stories, batch, dataDir: path.resolve(value("--data-dir") ?? process.env.DATELINE_DATA_DIR ?? ".data"), quiet: argv.includes("--quiet") };
}

/** mulberry32: a small seeded generator, so the archive is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20161201);
const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** Zipf-like: early words of a list are far more common, as in real text. */
const zipf = <T,>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(random(), 2.2)))]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const EN_WORDS = (
  "the of and to in a said on for that with was as by at from government people city forces officials minister council security " +
  "president talks aid civilians country week statement after meeting region report international humanitarian agencies state " +
  "local military attack support opposition water supply election parliament economy prices border refugees camp hospital school " +
  "reconstruction ceasefire negotiations delegation coalition committee league union investment budget energy fuel electricity " +
  "agriculture harvest drought floods earthquake rescue convoy corridor siege shelling airstrikes detainees prisoners families " +
  "children women students teachers doctors journalists court trial judge law constitution reform protest demonstration strike " +
  "workers companies market exports imports currency inflation salaries pensions taxes banks loans donors conference summit envoy " +
  "resolution sanctions vote veto assembly mission monitors observers investigation evidence documents witnesses testimony victims " +
  "memorial anniversary festival museum library theatre football league championship stadium coach players season transfer " +
  "museum heritage archaeology restoration mosque church bridge road railway airport port ferry trucks fuel bread flour wheat " +
  "medicine vaccines clinics ambulances volunteers shelter winter blankets tents return displaced settlement villages countryside"
).split(" ");
const PLACES = ["Aleppo", "Damascus", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Geneva", "Brussels", "Istanbul", "Gaziantep", "Amman", "Beirut", "Paris", "Berlin", "New York", "Astana", "Doha"];
const PEOPLE = ["Ayrault", "Hasan", "Abdah", "de Mistura", "Ban Ki-moon", "Guterres", "Pedersen", "the envoy", "the minister", "the governor"];
const AR_WORDS = (
  "في من على إلى أن قال الحكومة المدنيين حلب دمشق مجلس الأمن الائتلاف المعارضة المساعدات الإنسانية المدينة الريف القصف " +
  "الغارات الجوية وقف إطلاق النار المفاوضات جنيف الأمم المتحدة اللاجئين المخيمات المستشفيات المدارس الأطفال النساء العائلات " +
  "المياه الكهرباء الوقود الخبز القمح الشتاء الإغاثة المتطوعين الصحفيين المحكمة القانون الدستور الانتخابات البرلمان الاقتصاد " +
  "الأسعار الحدود التجارة الاستثمار الميزانية الطاقة الزراعة الحصاد الجفاف الفيضانات الزلزال الإنقاذ القافلة الممرات الآمنة"
).split(" ");
/**
 * The long tail of a real archive's vocabulary (names, places, rare words): 20,000 pronounceable
 * made-up words, each rare. Without it every word would be common and every search would match
 * half the archive, which is not what a newsroom's archive looks like.
 */
function longTail(syllables: readonly string[], count: number): string[] {
  const out = new Set<string>();
  const local = rng(42 + syllables.length);
  while (out.size < count) {
    const n = 2 + Math.floor(local() * 3);
    let word = "";
    for (let i = 0; i < n; i++) word += syllables[Math.floor(local() * syllables.length)];
    out.add(word);
  }
  return [...out];
}
const EN_TAIL = longTail("ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi za ze zi dar mir tal ven kor".split(" "), 20_000);
const AR_TAIL = longTail("با بي تا تي جا جي دا دي را ري سا سي فا في كا كي لا لي ما مي نا ني ها وا يا".split(" "), 5_000);
const FR_WORDS = "le la les de des et à en pour avec le gouvernement les civils la ville le conseil de sécurité les négociations l’aide humanitaire les réfugiés la frontière l’économie les prix".split(" ");

function sentence(words: readonly string[], min: number, max: number, withNames = true): string {
  const n = between(min, max);
  const out: string[] = [];
  const tail = words === AR_WORDS ? AR_TAIL : words === EN_WORDS ? EN_TAIL : null;
  for (let i = 0; i < n; i++) {
    const r = random();
    if (withNames && r < 0.06) out.push(pick(PLACES));
    else if (withNames && r < 0.08) out.push(pick(PEOPLE));
    else if (tail && r < 0.3) out.push(zipf(tail));
    else out.push(zipf(words));
  }
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

function headlineOf(words: readonly string[]): string {
  const text = sentence(words, 6, 12).replace(/\.$/, "");
  return words === EN_WORDS ? text.replace(/\b([a-z])/g, (m) => m.toUpperCase()) : text;
}

function storyText(language: string): { headline: string; standfirst: string; body: string; sourceLine: string } {
  const words = language === "ar" ? AR_WORDS : language === "fr" ? FR_WORDS : EN_WORDS;
  const withNames = language === "en";
  const paragraphs = Array.from({ length: between(3, 7) }, () => Array.from({ length: between(1, 3) }, () => sentence(words, 9, 22, withNames)).join(" "));
  return {
    headline: headlineOf(words),
    standfirst: random() < 0.5 ? sentence(words, 14, 26, withNames) : "",
    body: paragraphs.join("\n\n"),
    sourceLine: random() < 0.4 ? `(Source: ${pick(["Agencies", "Coalition Media Office", "Local Councils", "Reuters", "AFP"])})` : "",
  };
}

const SECTION_TREE: { name: string; children?: string[] }[] = [
  { name: "Media Center", children: ["Coalition News", "Statements", "Press Releases"] },
  { name: "Reports" },
  { name: "World", children: ["Middle East", "Europe", "Americas"] },
  { name: "Politics", children: ["Negotiations", "Elections"] },
  { name: "Economy" },
  { name: "Humanitarian", children: ["Refugees", "Health"] },
  { name: "Culture" },
  { name: "Sport" },
  { name: "Opinion" },
];

async function ensureSections(handle: DbHandle): Promise<{ id: string; path: string }[]> {
  let position = 0;
  for (const top of SECTION_TREE) {
    const slug = suggestSlug(top.name);
    await handle.db.insert(schema.sections).values({ name: top.name, slug, path: slug, position: position++ }).onConflictDoNothing();
    const [parent] = await queryRows<{ id: string }>(handle.db, sql`select id from sections where path = ${slug}`);
    let childPosition = 0;
    for (const child of top.children ?? []) {
      const childSlug = suggestSlug(child);
      await handle.db
        .insert(schema.sections)
        .values({ name: child, slug: childSlug, path: `${slug}/${childSlug}`, parentId: parent!.id, position: childPosition++ })
        .onConflictDoNothing();
    }
  }
  return queryRows<{ id: string; path: string }>(handle.db, sql`select id, path from sections order by path`);
}

async function ensureUsers(handle: DbHandle): Promise<{ id: string; name: string; slug: string }[]> {
  const first = ["Rana", "Omar", "Lina", "Karim", "Maya", "Sami", "Nour", "Hadi", "Dana", "Yusuf", "Claire", "Tom", "Aylin", "Mehmet", "Sara", "Ali", "Hiba", "Ziad", "Leila", "Fadi"];
  const last = ["Haddad", "Khalil", "Nasser", "Saleh", "Martin", "Dubois", "Yilmaz", "Kaya", "Hassan", "Ibrahim"];
  const rows = Array.from({ length: 40 }, (_, i) => {
    const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
    const slug = `${suggestSlug(name)}-${i + 1}`;
    return { email: `${slug}@archive.example.org`, name, slug, role: "reporter" as const, passwordHash: "$argon2id$unusable-seed-account" };
  });
  await handle.db.insert(schema.users).values(rows).onConflictDoNothing();
  return queryRows<{ id: string; name: string; slug: string }>(handle.db, sql`select id, name, slug from users where email like '%@archive.example.org' order by slug`);
}

async function ensureTags(handle: DbHandle): Promise<{ name: string; slug: string }[]> {
  const names = new Set<string>([...PLACES, "Ceasefire", "Humanitarian aid", "Refugees", "Elections", "Security Council", "Reconstruction", "Border crossings", "Detainees", "Water", "Winter"]);
  while (names.size < 300) names.add(`${pick(EN_WORDS)} ${pick(EN_WORDS)}`.replace(/\b([a-z])/, (m) => m.toUpperCase()));
  const rows = [...names].map((name) => ({ name, slug: suggestSlug(name) }));
  const unique = [...new Map(rows.map((r) => [r.slug, r])).values()];
  await handle.db.insert(schema.tags).values(unique).onConflictDoNothing();
  return queryRows<{ name: string; slug: string }>(handle.db, sql`select name, slug from tags order by slug`);
}

async function ensureSampleArticle(handle: DbHandle, sectionsByPath: Map<string, string>, authorId: string): Promise<void> {
  const article = parseSeedArticle(SEED_ARTICLE_TEXT);
  const slug = suggestSlug(article.headline);
  const [existing] = await queryRows<{ id: string }>(handle.db, sql`select id from stories where slug = ${slug}`);
  if (existing) return;
  // 18:10 in Damascus on 1 December 2016 (UTC+2 then): the sample's dateline.
  const when = new Date("2016-12-01T16:10:00.000Z");
  await insertStories(handle, [
    {
      headline: article.headline,
      standfirst: "",
      body: article.paragraphs.join("\n\n"),
      sourceLine: article.sourceLine,
      slug,
      sectionId: sectionsByPath.get("media-center/coalition-news")!,
      language: "en",
      authorId,
      bylines: [],
      tags: [],
      firstPublishedAt: when,
      lastPublishedAt: when,
    },
  ]);
}

type NewStory = {
  headline: string;
  standfirst: string;
  body: string;
  sourceLine: string;
  slug: string;
  sectionId: string;
  language: string;
  authorId: string;
  bylines: { userId: string | null; name: string; slug: string | null }[];
  tags: { name: string; slug: string }[];
  firstPublishedAt: Date;
  lastPublishedAt: Date;
};

/** One batch: stories, their published revisions (html rendered here), bylines, tags, live pointer. */
async function insertStories(handle: DbHandle, batch: NewStory[]): Promise<void> {
  await handle.db.transaction(async (tx) => {
    const storyRows: (typeof schema.stories.$inferInsert)[] = [];
    const revisionRows: (typeof schema.storyRevisions.$inferInsert)[] = [];
    const bylineRows: (typeof schema.storyBylines.$inferInsert)[] = [];
    for (const s of batch) {
      const id = randomUUID();
      const doc = plainTextToDoc(s.body);
      const bodyText = docToPlainText(doc);
      const common = {
        headline: s.headline,
        standfirst: s.standfirst,
        body: doc,
        bodyText,
        sourceLine: s.sourceLine,
        slug: s.slug,
        sectionId: s.sectionId,
        language: s.language,
      };
      storyRows.push({
        ...common,
        id,
        status: "published",
        wordCount: countWords(bodyText),
        authorId: s.authorId,
        liveSectionId: s.sectionId,
        firstPublishedAt: s.firstPublishedAt,
        lastPublishedAt: s.lastPublishedAt,
        createdAt: s.firstPublishedAt,
        updatedAt: s.lastPublishedAt,
      });
      revisionRows.push({
        ...common,
        storyId: id,
        number: 1,
        kind: "publish",
        reason: "Published",
        storyVersion: 1,
        status: "published",
        bylines: s.bylines,
        tags: s.tags,
        html: renderStoryHtml(doc),
        createdBy: s.authorId,
        createdAt: s.lastPublishedAt,
      });
      s.bylines.forEach((b, position) => bylineRows.push({ storyId: id, position, userId: b.userId, displayName: b.name }));
    }
    await tx.insert(schema.stories).values(storyRows);
    await tx.insert(schema.storyRevisions).values(revisionRows);
    if (bylineRows.length) await tx.insert(schema.storyBylines).values(bylineRows);
    const ids = storyRows.map((s) => s.id!);
    await tx.execute(sql`
      update stories s set live_revision_id = r.id
      from story_revisions r
      where r.story_id = s.id and s.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    await tx.execute(sql`
      insert into story_tags (story_id, tag_id)
      select r.story_id, t.id
      from story_revisions r, jsonb_array_elements(r.tags) as e, tags t
      where t.slug = e->>'slug' and r.story_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      on conflict do nothing`);
  });
}

export async function seedArchive(handle: DbHandle, options: Pick<Options, "stories" | "batch" | "quiet">): Promise<{ inserted: number; seconds: number }> {
  const started = Date.now();
  await handle.db.insert(schema.newsroomSettings).values({ id: 1, name: "Dateline Archive", timeZone: "Asia/Damascus", defaultLanguage: "en" }).onConflictDoNothing();
  const sections = await ensureSections(handle);
  const sectionsByPath = new Map(sections.map((s) => [s.path, s.id]));
  const users = await ensureUsers(handle);
  const tags = await ensureTags(handle);
  await ensureSampleArticle(handle, sectionsByPath, users[0]!.id);

  const [{ n: before }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from stories where slug like 'archive-%'`)) as [{ n: number }];
  const now = Date.now();
  const tenYears = 10 * 365 * 24 * 3600_000;
  let inserted = 0;
  while (inserted < options.stories) {
    const size = Math.min(options.batch, options.stories - inserted);
    const batch: NewStory[] = [];
    for (let i = 0; i < size; i++) {
      const serial = before + inserted + i + 1;
      const language = random() < 0.9 ? "en" : random() < 0.8 ? "ar" : "fr";
      const text = storyText(language);
      const author = zipf(users);
      const bylines: NewStory["bylines"] = random() < 0.85 ? [{ userId: author.id, name: author.name, slug: author.slug }] : [];
      if (random() < 0.2) bylines.push({ userId: null, name: "Agencies", slug: null });
      const storyTags = Array.from({ length: between(0, 4) }, () => zipf(tags));
      // Newer stories are more numerous, as in a growing newsroom; a few were updated later.
      const first = new Date(now - Math.floor(tenYears * Math.pow(random(), 1.6)));
      const last = random() < 0.1 ? new Date(first.getTime() + between(60, 72 * 60) * 60_000) : first;
      batch.push({
        ...text,
        slug: `archive-${serial}-${suggestSlug(text.headline).slice(0, 50)}`.replace(/-+$/, ""),
        sectionId: zipf(sections).id,
        language,
        authorId: author.id,
        bylines,
        tags: [...new Map(storyTags.map((t) => [t.slug, t])).values()],
        firstPublishedAt: first,
        lastPublishedAt: last,
      });
    }
    await insertStories(handle, batch);
    inserted += size;
    if (!options.quiet && (inserted % (options.batch * 10) === 0 || inserted === options.stories)) {
      const rate = inserted / ((Date.now() - started) / 1000);
      console.log(`  ${inserted.toLocaleString("en")} / ${options.stories.toLocaleString("en")} stories (${Math.round(rate)}/s)`);
    }
  }
  await handle.db.execute(sql`analyze`);
  return { inserted, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL?.trim();
  console.log(`Seeding ${options.stories.toLocaleString("en")} stories into ${url ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${options.dataDir}`}…`);
  const handle = url ? await openDatabase({ engine: "postgres", url, poolSize: 2 }) : await openDatabase({ engine: "pglite", dataDir: options.dataDir });
  try {
    const { inserted, seconds } = await seedArchive(handle, options);
    const [{ n }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from stories where status = 'published'`)) as [{ n: number }];
    console.log(`Done: ${inserted.toLocaleString("en")} stories in ${seconds.toFixed(1)} s; ${n.toLocaleString("en")} published in total.`);
  } finally {
    await handle.close();
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  main().catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
