/**
 * A `Snapshot` read through GitHub's git data API: the commit's whole tree in one request
 * (`GET /git/trees/{sha}?recursive=1`), then one `GET /git/blobs/{sha}` per file actually read.
 * A path the tree does not list is answered `undefined` without a request, so looking for a
 * policy file, CODEOWNERS or an import costs nothing; the contents API would cost one request
 * per path. Trees (by commit) and blobs (by content hash) never change, so a `GitObjectCache`
 * shared by evaluations makes a re-evaluation of the same heads cost no reads at all. A tree
 * GitHub truncates (over 100,000 entries or 7 MB) falls back to the contents API for the
 * paths it left out.
 */
import { z } from "zod";
import type { Snapshot } from "../../model/change.js";
import { contentsSnapshot } from "./contents-snapshot.js";
import { requestParsed, type GitHubClient } from "./github-request.js";

const treeSchema = z.object({
  sha: z.string(),
  truncated: z.boolean().default(false),
  tree: z.array(z.object({ path: z.string(), type: z.string(), sha: z.string(), size: z.number().optional() })),
});
const blobSchema = z.object({ content: z.string(), encoding: z.string() });

interface Tree {
  /** path → blob sha, files only. */
  blobs: Map<string, string>;
  truncated: boolean;
}

/** A size-bounded cache of trees and blobs; least recently used entries go first. */
export class GitObjectCache {
  private readonly trees = new Map<string, Promise<Tree>>();
  private readonly blobs = new Map<string, Promise<Buffer>>();
  private blobBytes = 0;
  private readonly sizes = new Map<string, number>();

  constructor(private readonly limits: { trees?: number; blobBytes?: number } = {}) {}

  tree(key: string, load: () => Promise<Tree>): Promise<Tree> {
    return touch(this.trees, key, load, this.limits.trees ?? 200);
  }

  blob(sha: string, load: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.blobs.get(sha);
    if (cached !== undefined) {
      this.blobs.delete(sha);
      this.blobs.set(sha, cached);
      return cached;
    }
    const pending = load().then(
      (bytes) => {
        this.sizes.set(sha, bytes.length);
        this.blobBytes += bytes.length;
        this.evictBlobs();
        return bytes;
      },
      (error: unknown) => {
        this.blobs.delete(sha);
        throw error;
      },
    );
    this.blobs.set(sha, pending);
    return pending;
  }

  private evictBlobs(): void {
    const limit = this.limits.blobBytes ?? 64 * 1024 * 1024;
    for (const sha of this.blobs.keys()) {
      if (this.blobBytes <= limit) {
        return;
      }
      this.blobs.delete(sha);
      this.blobBytes -= this.sizes.get(sha) ?? 0;
      this.sizes.delete(sha);
    }
  }
}

function touch<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>, max: number): Promise<T> {
  const cached = map.get(key);
  if (cached !== undefined) {
    map.delete(key);
    map.set(key, cached);
    return cached;
  }
  const pending = load().catch((error: unknown) => {
    map.delete(key);
    throw error;
  });
  map.set(key, pending);
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) {
      break;
    }
    map.delete(oldest);
  }
  return pending;
}

export function treeSnapshot(
  client: GitHubClient,
  owner: string,
  repo: string,
  rev: string,
  cache: GitObjectCache = new GitObjectCache(),
): Snapshot {
  const loadTree = async (): Promise<Tree> => {
    const tree = await requestParsed(
      client,
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
      { owner, repo, tree_sha: rev, recursive: "1" },
      treeSchema,
    );
    const blobs = new Map<string, string>();
    for (const entry of tree.tree) {
      // Submodules (`commit`) and directories are not file bytes; a symlink is a blob whose
      // bytes are its target, as `git show` gives it.
      if (entry.type === "blob") {
        blobs.set(entry.path, entry.sha);
      }
    }
    return { blobs, truncated: tree.truncated };
  };
  let fallback: Snapshot | undefined;
  return {
    rev,
    read: async (path: string) => {
      const tree = await cache.tree(`${owner}/${repo}@${rev}`, loadTree);
      const sha = tree.blobs.get(path);
      if (sha === undefined) {
        if (!tree.truncated) {
          return undefined;
        }
        fallback ??= contentsSnapshot(client, owner, repo, rev);
        return fallback.read(path);
      }
      return cache.blob(sha, async () => {
        const blob = await requestParsed(
          client,
          "GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
          { owner, repo, file_sha: sha },
          blobSchema,
        );
        return Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8");
      });
    },
  };
}
