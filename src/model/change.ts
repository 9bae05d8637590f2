/**
 * A change under review: the commits between a base and a head, the files they touch with the
 * lines they add, and (when known) the pull request around them.
 */
import type { Identity } from "./actor.js";
import type { Commit, FileChange } from "./commit.js";

export interface AddedLine {
  /** 1-based line number in the head version of the file. */
  line: number;
  text: string;
}

export interface ChangedFile extends FileChange {
  /** Lines added by the change, in order. Empty for binary files and for files whose diff was
   * too large to keep (`truncated`). */
  addedLines: AddedLine[];
  /** The diff of this file exceeded the size limit; additions/deletions still count it. */
  truncated?: boolean;
}

export type ReviewState = "approved" | "changes_requested" | "commented" | "dismissed" | "pending";

export interface Review {
  reviewer: Identity;
  state: ReviewState;
  /** ISO 8601. */
  submittedAt?: string;
  /** Head commit the review was made on. */
  commitId?: string;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  author: Identity;
  labels: string[];
  headBranch: string;
  baseBranch: string;
  headSha?: string;
  baseSha?: string;
  assignees: Identity[];
  /** Reviews, when the event or API carried them; `undefined` means unknown, not none. */
  reviews?: Review[];
  /** Users who triggered the agent or were assigned the task, when known. */
  draft?: boolean;
  merged?: boolean;
  mergedBy?: Identity;
  url?: string;
  repository?: string;
}

export interface Change {
  base: string;
  head: string;
  /** Commits reachable from head and not from base, oldest first. */
  commits: Commit[];
  /** Net change base..head (merge-base diff), one entry per file. */
  files: ChangedFile[];
  pullRequest?: PullRequest;
}

/** Reads file contents of one revision. Sources implement it (git, GitHub API); detectors use it. */
export interface Snapshot {
  /** Revision this snapshot reads (a commit sha). */
  readonly rev: string;
  /** File bytes, or `undefined` when the path does not exist at this revision. */
  read(path: string): Promise<Buffer | undefined>;
}
