/**
 * A `Snapshot` read through GitHub's contents API: the bytes of a path at one commit, `undefined`
 * when the path does not exist there (404). The contents API inlines files up to 1 MB; for a
 * larger file it answers without content, and the blob is fetched by its sha through the git
 * data API (up to 100 MB). Reads are cached per path: detectors may ask twice.
 */
import { z } from "zod";
import type { Snapshot } from "../../model/change.js";
import { CustodyError } from "../../model/errors.js";
import { requestParsed, type GitHubClient } from "./github-request.js";

const fileSchema = z.object({
  type: z.string(),
  sha: z.string(),
  content: z.string().optional(),
  encoding: z.string().optional(),
});
const blobSchema = z.object({ content: z.string(), encoding: z.string() });

export function contentsSnapshot(client: GitHubClient, owner: string, repo: string, rev: string): Snapshot {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const load = async (path: string): Promise<Buffer | undefined> => {
    let data: unknown;
    try {
      data = (await client.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path, ref: rev })).data;
    } catch (error) {
      if ((error as { status?: unknown }).status === 404) {
        return undefined;
      }
      throw new CustodyError(
        "GITHUB_API",
        `Reading ${path} at ${rev.slice(0, 12)} from GitHub failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const file = fileSchema.safeParse(data);
    if (!file.success || file.data.type !== "file") {
      // A directory listing (an array) or a submodule/symlink: not file bytes.
      return undefined;
    }
    if (file.data.encoding === "base64" && file.data.content !== undefined) {
      return Buffer.from(file.data.content, "base64");
    }
    const blob = await requestParsed(
      client,
      "GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
      { owner, repo, file_sha: file.data.sha },
      blobSchema,
    );
    return Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8");
  };
  return {
    rev,
    read: (path: string) => {
      let pending = cache.get(path);
      if (pending === undefined) {
        pending = load(path);
        cache.set(path, pending);
      }
      return pending;
    },
  };
}
