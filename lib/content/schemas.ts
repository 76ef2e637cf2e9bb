/**
 * The shape of ProseMirror JSON, for action boundaries. This only says "it looks like a tree of
 * nodes"; what the nodes may be, and whether their URLs are safe, is validate.ts's job. Use
 * `storyBodySchema` inside a `.strict()` action schema, then call `validateStoryBody` on the
 * parsed value before storing it.
 */
import { z } from "@/lib/validation/zod";

import { checkBodyLimits, LIMIT_MESSAGES } from "./limits";

export type StoryAttrValue = string | number | boolean | null;

export type StoryMarkJson = {
  type: string;
  attrs?: Record<string, StoryAttrValue>;
};

export type StoryNodeJson = {
  type: string;
  attrs?: Record<string, StoryAttrValue>;
  content?: StoryNodeJson[];
  marks?: StoryMarkJson[];
  text?: string;
};

// Our attributes are all scalars; a nested object or array in attrs is never legitimate and
// would be a place to hide payloads from the attribute checks.
const attrValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const attrsSchema = z.record(z.string().min(1).max(64), attrValueSchema);

const typeNameSchema = z.string().min(1).max(64);

export const storyMarkSchema: z.ZodType<StoryMarkJson> = z.strictObject({
  type: typeNameSchema,
  attrs: attrsSchema.optional(),
});

export const storyNodeSchema: z.ZodType<StoryNodeJson> = z.strictObject({
  type: typeNameSchema,
  attrs: attrsSchema.optional(),
  get content() {
    return z.array(storyNodeSchema).optional();
  },
  marks: z.array(storyMarkSchema).optional(),
  text: z.string().optional(),
});

/**
 * A whole story body: a `doc` node. The size and depth limits run first, iteratively, because
 * zod itself recurses and would overflow the stack on a hostile, very deep payload.
 */
export const storyBodySchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const limits = checkBodyLimits(value);
    if (!limits.ok) ctx.addIssue({ code: "custom", message: LIMIT_MESSAGES[limits.reason], continue: false });
  })
  .pipe(
    storyNodeSchema.refine((node) => node.type === "doc", {
      message: "The story body must be a document.",
    }),
  );

export type StoryBody = z.output<typeof storyBodySchema>;
