/**
 * A commit as read from git: identities, message, trailers and the files it touched.
 * Values only; the git source builds them, everything else reads them.
 */

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601 with offset, as `git log --format=%aI` prints it. */
  date: string;
}

/** A git trailer (`Key: value`), folded continuation lines already joined with a space. */
export interface Trailer {
  key: string;
  value: string;
}

export type FileStatus = "added" | "modified" | "deleted" | "renamed" | "copied" | "type-changed";

export interface FileChange {
  /** Path after the change (for a deletion: the deleted path). Not always valid UTF-8 in git;
   * the source decodes it losslessly where it can and marks `pathNotUtf8` otherwise. */
  path: string;
  /** Path before a rename or copy. */
  oldPath?: string;
  status: FileStatus;
  /** Lines added and removed; 0 for binary files. */
  additions: number;
  deletions: number;
  binary: boolean;
  /** The raw path bytes were not valid UTF-8; `path` holds a lossy rendering. */
  pathNotUtf8?: boolean;
}

export interface Commit {
  sha: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  /** First line of the message. */
  subject: string;
  /** The whole message, as git stores it. */
  message: string;
  trailers: Trailer[];
  files: FileChange[];
}
