/**
 * Builds `Commit` values the way the git source would: identities, a message whose last
 * paragraph holds the trailers, and the trailers parsed out of it. Test-only.
 */
import type { Commit, Trailer } from "../../model/commit.js";

export type Person = readonly [name: string, email: string];

export const JANE: Person = ["Jane Doe", "jane.doe@example.com"];
export const WEB_FLOW: Person = ["GitHub", "noreply@github.com"];

export interface CommitSpec {
  sha?: string;
  author?: Person;
  committer?: Person;
  subject?: string;
  body?: string;
  trailers?: readonly (readonly [key: string, value: string])[];
}

const DATE = "2026-11-20T10:00:00+00:00";
let counter = 0;

export function makeCommit(spec: CommitSpec = {}): Commit {
  counter += 1;
  const author = spec.author ?? JANE;
  const committer = spec.committer ?? author;
  const subject = spec.subject ?? "fix: handle empty input";
  const trailers: Trailer[] = (spec.trailers ?? []).map(([key, value]) => ({ key, value }));
  const paragraphs = [subject];
  if (spec.body !== undefined) {
    paragraphs.push(spec.body);
  }
  if (trailers.length > 0) {
    paragraphs.push(trailers.map((trailer) => `${trailer.key}: ${trailer.value}`).join("\n"));
  }
  return {
    sha: spec.sha ?? counter.toString(16).padStart(40, "a"),
    parents: ["0".repeat(40)],
    author: { name: author[0], email: author[1], date: DATE },
    committer: { name: committer[0], email: committer[1], date: DATE },
    subject,
    message: `${paragraphs.join("\n\n")}\n`,
    trailers,
    files: [{ path: "src/index.ts", status: "modified", additions: 3, deletions: 1, binary: false }],
  };
}
