/**
 * Merge and branch evidence: which branch a merge commit merged, and whether an agent named it.
 *
 * Codex cloud, Jules and others commit with the delegating human's identity on a branch the
 * agent named (`codex/…`, `copilot/…`, `claude/…`); the only trace left in git is the merge the
 * platform wrote. The subjects are the platforms' fixed texts:
 * - GitHub: `Merge pull request #12 from owner/codex/fix-login`
 * - GitLab: `Merge branch 'codex/fix-login' into 'main'` with `See merge request group/p!12`
 * - Bitbucket: `Merged in codex/fix-login (pull request #12)`
 * - git itself (a local merge, no platform): `Merge branch 'codex/fix-login'`,
 *   `Merge remote-tracking branch 'origin/codex/fix-login'`.
 *
 * A platform merge of an agent-named branch is `merge` evidence: medium (it decides) when the
 * policy's `provenance.branch_evidence` is `decide`, weak when it is `hint`. A local merge is
 * `branch` evidence under the same switch. Risk, documented in docs/policy.md: a person who
 * names a branch `codex/x` and merges it through a pull request has that work counted as
 * Codex's under `decide`. Evidence in the commit itself always outranks it.
 *
 * Pure: subjects are parsed with fixed patterns; no RegExp is built from signature data.
 */
import type { Commit } from "../model/commit.js";
import type { Evidence } from "../model/provenance.js";
import { normalizeText } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

export type BranchEvidenceMode = "decide" | "hint";

export interface MergedBranch {
  /** The branch as written, without the owner (GitHub) or remote (`origin/`) part. */
  branch: string;
  /** `github`, `gitlab`, `bitbucket` for a platform pull-request merge; `git` for a local one. */
  platform: "github" | "gitlab" | "bitbucket" | "git";
  /** The pull or merge request number, when the subject gives one. */
  number?: number;
}

const GITHUB = /^Merge pull request #(\d+) from ([^\s/]+)\/(\S+)/u;
const GITLAB = /^Merge branch '([^']+)' into '[^']+'/u;
const GITLAB_REQUEST = /^See merge request \S+!(\d+)\s*$/mu;
const BITBUCKET = /^Merged in (\S+) \(pull request #(\d+)\)/u;
const LOCAL = /^Merge (?:remote-tracking )?branch '([^']+)'/u;

/** The branch a merge commit's subject names, or undefined when it is not a merge subject. */
export function parseMergeSubject(subject: string, message = subject): MergedBranch | undefined {
  const github = GITHUB.exec(subject);
  if (github) {
    return { branch: github[3] ?? "", platform: "github", number: Number(github[1]) };
  }
  const bitbucket = BITBUCKET.exec(subject);
  if (bitbucket) {
    return { branch: bitbucket[1] ?? "", platform: "bitbucket", number: Number(bitbucket[2]) };
  }
  const gitlab = GITLAB.exec(subject);
  const request = GITLAB_REQUEST.exec(message);
  if (gitlab && request) {
    return { branch: gitlab[1] ?? "", platform: "gitlab", number: Number(request[1]) };
  }
  const local = LOCAL.exec(subject);
  if (local) {
    const branch = local[1] ?? "";
    // `origin/codex/x` from a remote-tracking merge: the remote is not part of the branch name.
    const slash = branch.indexOf("/");
    const remoteTracking = subject.startsWith("Merge remote-tracking branch");
    return { branch: remoteTracking && slash > 0 ? branch.slice(slash + 1) : branch, platform: "git" };
  }
  return undefined;
}

/** Evidence that a merged branch was an agent's, for the merge commit and every commit it brought. */
export function mergedBranchEvidence(
  merged: MergedBranch,
  mergeSha: string,
  registry: SignatureRegistry,
  mode: BranchEvidenceMode,
): Evidence[] {
  const branch = normalizeText(merged.branch);
  const evidence: Evidence[] = [];
  const platform = merged.platform !== "git";
  for (const { signature, branchPrefixes } of registry.matchers) {
    if (signature.kind !== "agent") {
      continue;
    }
    const prefix = branchPrefixes.find((candidate) => branch.startsWith(candidate.text) && branch.length > candidate.text.length);
    if (prefix === undefined) {
      continue;
    }
    const what = platform
      ? `${merged.platform} pull request${merged.number === undefined ? "" : ` #${String(merged.number)}`} merged in ${mergeSha.slice(0, 12)} from branch ${merged.branch}`
      : `local merge ${mergeSha.slice(0, 12)} of branch ${merged.branch}`;
    const hint = mode === "hint" ? " (policy provenance.branch_evidence: hint — a hint only)" : "";
    evidence.push({
      signal: platform ? "merge" : "branch",
      strength: mode === "decide" ? "medium" : "weak",
      subject: signature.id,
      kind: "agent",
      detail: `${what}, named with ${signature.name}'s prefix ${prefix.source}${hint}`,
    });
  }
  return evidence;
}

/** The merge evidence of `commit` itself, when it is a merge of an agent-named branch. */
export function mergeCommitEvidence(commit: Commit, registry: SignatureRegistry, mode: BranchEvidenceMode): Evidence[] {
  if (commit.parents.length < 2) {
    return [];
  }
  const merged = parseMergeSubject(commit.subject, commit.message);
  return merged === undefined ? [] : mergedBranchEvidence(merged, commit.sha, registry, mode);
}
