/**
 * The one policy loader of `custody check`, the Action and the server. By default the policy and
 * CODEOWNERS are read from the BASE commit of the change, never from the change being judged: a
 * pull request that relaxes `fail_on`, disables a rule or rewrites CODEOWNERS is judged by the
 * rules it is trying to change (and the edit itself is a `policy-change` finding). The base is a
 * `Snapshot`, so the same code reads a local git commit (`gitSnapshot`) and the GitHub contents
 * API (`contentsSnapshot`) the server holds.
 *
 * `--policy-from worktree` and an explicit `--policy FILE` are the deliberate exceptions (trying
 * a policy edit locally); the result's `from` says which source was used, with its blob sha, and
 * every report prints it.
 */
import type { Snapshot } from "../../model/change.js";
import type { PolicySource } from "../../model/verdict.js";
import type { CodeownersFile } from "../paths/codeowners.js";
import { parseCodeowners } from "../paths/codeowners.js";
import { CODEOWNERS_PATHS, DEFAULT_POLICY_PATHS } from "../schema/default-paths.js";
import { gitBlobSha } from "./blob-sha.js";
import type { LoadedPolicy } from "./load-policy.js";
import { defaultPolicy, loadPolicy, parsePolicyBytes } from "./load-policy.js";

/** CODEOWNERS is read with the same cap as the policy: it is a page of text too (GitHub: 3 MB). */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export type PolicySelection =
  /** The base commit's `.github/custody.yml` (the default). */
  | { from: "base"; base: Snapshot }
  /** The working tree's `.github/custody.yml` (`--policy-from worktree`). */
  | { from: "worktree"; repoDir: string }
  /** A file the user named (`--policy FILE`). */
  | { from: "file"; repoDir: string; path: string };

export interface LoadedCodeowners {
  codeowners: CodeownersFile;
  /** Repository-relative path, blob sha and the commit it was read at. */
  source: { path: string; blobSha: string; rev: string };
}

/** The policy at a commit: the first of DEFAULT_POLICY_PATHS that exists there, else the defaults. */
export async function loadPolicyAt(base: Snapshot): Promise<LoadedPolicy> {
  for (const path of DEFAULT_POLICY_PATHS) {
    const bytes = await base.read(path);
    if (bytes !== undefined) {
      const from: PolicySource = { origin: "base", path, blobSha: gitBlobSha(bytes), rev: base.rev };
      return { policy: parsePolicyBytes(bytes, `${path} at ${base.rev.slice(0, 12)}`), source: path, from };
    }
  }
  return { policy: defaultPolicy(), source: undefined, from: { origin: "default", rev: base.rev } };
}

/** The one entry point: the policy from the selected source. */
export async function loadPolicyFrom(selection: PolicySelection): Promise<LoadedPolicy> {
  switch (selection.from) {
    case "base":
      return loadPolicyAt(selection.base);
    case "worktree":
      return loadPolicy({ repoDir: selection.repoDir });
    case "file":
      return loadPolicy({ repoDir: selection.repoDir, path: selection.path });
  }
}

/**
 * CODEOWNERS at a commit, found where GitHub looks (the first of CODEOWNERS_PATHS). Always read
 * from the base, whatever the policy's source: GitHub itself takes the base branch's file.
 */
export async function loadCodeownersAt(base: Snapshot): Promise<LoadedCodeowners | undefined> {
  for (const path of CODEOWNERS_PATHS) {
    const bytes = await base.read(path);
    if (bytes !== undefined) {
      // GitHub ignores a CODEOWNERS over its limit; so do we, rather than parse megabytes.
      if (bytes.length > MAX_CODEOWNERS_BYTES) {
        return undefined;
      }
      return { codeowners: parseCodeowners(bytes.toString("utf8"), path), source: { path, blobSha: gitBlobSha(bytes), rev: base.rev } };
    }
  }
  return undefined;
}
