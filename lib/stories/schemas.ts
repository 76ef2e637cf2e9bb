import { z } from "@/lib/validation/zod";
import { storyBodySchema } from "@/lib/content/schemas";
import { LANGUAGES } from "@/lib/content/languages";
import { SLUG_MAX_LENGTH } from "./slug";
import { parseReviewedVersion } from "./reviewed-version";

export const HEADLINE_MAX = 300;

const languageCodes = LANGUAGES.map((l) => l.code) as [string, ...string[]];

export const bylineSchema = z
  .object({
    userId: z.uuid().nullable(),
    name: z.string().trim().min(1, "A byline needs a name.").max(120, "Keep bylines under 120 characters."),
  })
  .strict();

/** Everything the editor sends on save. Keys the editor does not own (status, authorId…) are refused. */
export const storyDraftSchema = z
  .object({
    headline: z
      .string()
      .trim()
      .min(1, "The headline cannot be empty.")
      .max(HEADLINE_MAX, `Keep the headline under ${HEADLINE_MAX} characters.`),
    standfirst: z.string().trim().max(1000, "Keep the standfirst under 1,000 characters.").default(""),
    body: storyBodySchema,
    sourceLine: z.string().trim().max(500, "Keep the source line under 500 characters.").default(""),
    slug: z
      .string()
      .trim()
      .max(SLUG_MAX_LENGTH, `Keep the slug under ${SLUG_MAX_LENGTH} characters.`)
      .default(""),
    sectionId: z.uuid("Choose a section from the list.").nullable().default(null),
    language: z.enum(languageCodes, { message: "Choose a language from the list." }).default("en"),
    tags: z.array(z.string().trim().min(1).max(60, "Keep tags under 60 characters.")).max(20, "Use at most 20 tags.").default([]),
    bylines: z.array(bylineSchema).max(10, "Use at most 10 bylines.").default([]),
    featuredMediaId: z.uuid().nullable().default(null),
    featuredCaption: z.string().trim().max(500).default(""),
    featuredCredit: z.string().trim().max(200).default(""),
    seoTitle: z.string().trim().max(300, "Keep the SEO title under 300 characters.").default(""),
    seoDescription: z.string().trim().max(500, "Keep the SEO description under 500 characters.").default(""),
  })
  .strict();

export type StoryDraft = z.output<typeof storyDraftSchema>;
export type StoryDraftInput = z.input<typeof storyDraftSchema>;

export const saveStorySchema = z
  .object({
    storyId: z.uuid(),
    /** The version this edit started from: a stale one is a conflict, never an overwrite. */
    baseVersion: z.number().int().min(1),
    kind: z.enum(["manual", "autosave"]),
    draft: storyDraftSchema,
    /** "Keep mine" after a conflict: the server snapshots the version being replaced first. */
    resolvesConflict: z.boolean().optional(),
  })
  .strict();

export type SaveStoryInput = z.input<typeof saveStorySchema>;

export const createStorySchema = z.object({ draft: storyDraftSchema }).strict();

/** The form field every reviewed transition posts; a malformed token is refused, never guessed at. */
export const reviewedVersionSchema = z
  .string()
  .max(64)
  .transform((token, ctx) => {
    const parsed = parseReviewedVersion(token);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "The version you reviewed could not be read; reload the story and try again." });
      return z.NEVER;
    }
    return parsed;
  });

/** "New story" (a form post): it carries nothing but what it is; the story starts empty. */
export const newStorySchema = z.object({ intent: z.literal("new-story") }).strict();
