import { expect, type APIRequestContext } from "@playwright/test";

/**
 * The test-only story hooks (DATELINE_E2E_HOOKS=1, admin session): publishing through the same
 * commands and revalidation as the desk, until the story editor's journeys can drive the desk UI.
 */
export type StoryInput = {
  headline: string;
  sectionPath: string;
  body?: string;
  standfirst?: string;
  sourceLine?: string;
  slug?: string;
  language?: string;
  tags?: string[];
  bylines?: string[];
  seoTitle?: string;
  seoDescription?: string;
  featuredMediaId?: string;
};

export async function hook<T = { storyId: string; path: string }>(request: APIRequestContext, name: string, body: unknown): Promise<T> {
  const response = await request.post(`/api/test-hooks/${name}`, { data: body });
  expect(response.status(), `${name}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 202 ? ({} as T) : ((await response.json()) as T);
}

export function publishStory(request: APIRequestContext, input: StoryInput) {
  return hook(request, "create", input);
}

export async function queryCount(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/test-hooks/query-count");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { count: number }).count;
}
