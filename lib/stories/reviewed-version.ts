/**
 * The version of a story an editor read before acting on it.
 *
 * Every publishing transition (and Approve) names it, and the command refuses when the story has
 * moved on since, so what goes live is what the editor saw. On the wire it is an opaque token
 * ("v3"): the desk copies it from the editor and never does arithmetic on it. Today it is the
 * working copy's `version`; once the editor is bound to a shared document it becomes that
 * document's snapshot id (a new `kind`), and only this module and the command comparing it change.
 */
export type ReviewedVersion = { kind: "version"; version: number };

const VERSION_TOKEN = /^v([1-9][0-9]{0,9})$/;

export function reviewedVersionToken(version: number): string {
  return `v${version}`;
}

export function parseReviewedVersion(token: string): ReviewedVersion | null {
  const match = VERSION_TOKEN.exec(token);
  if (!match) return null;
  const version = Number(match[1]);
  return Number.isSafeInteger(version) && version <= 2_147_483_647 ? { kind: "version", version } : null;
}

/** Whether `reviewed` is exactly the story as it is now. */
export function isCurrentVersion(reviewed: ReviewedVersion, current: { version: number }): boolean {
  return reviewed.kind === "version" && reviewed.version === current.version;
}
