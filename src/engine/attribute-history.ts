/**
 * Attribution over a walk of history: each commit classified with the evidence the history
 * around it gives — a platform merge of an agent-named branch attributes the merge and every
 * commit only its second parent reaches (the pull request's commits).
 *
 * git log walks newest first, and a merge is normally newer than the commits it brings in, so
 * when the merge is seen its branch commits are listed (one `git rev-list` per agent merge) and
 * remembered until the walk reaches them. Memory is bounded by the open agent pull requests'
 * commits, not by the history. A branch commit dated after its merge (clock skew, a rebase
 * that kept dates) is reached first and keeps only its own evidence.
 */
import type { Commit } from "../model/commit.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import type { BranchEvidenceMode } from "../provenance/branch-evidence.js";
import { mergeCommitEvidence } from "../provenance/branch-evidence.js";
import type { SignatureRegistry } from "../provenance/signature-registry.js";
import type { Repository } from "../sources/git/repository.js";
import { mergedCommits } from "../sources/git/merge-commits.js";

export interface AttributedCommit {
  commit: Commit;
  provenance: CommitProvenance;
}

export interface HistoryAttributionOptions {
  repo: Repository;
  registry: SignatureRegistry;
  branchEvidence: BranchEvidenceMode;
  /** Classifies one commit given the evidence from around it. */
  classify: (commit: Commit, context: readonly Evidence[]) => CommitProvenance;
}

export async function* attributeHistory(commits: AsyncIterable<Commit>, options: HistoryAttributionOptions): AsyncGenerator<AttributedCommit> {
  const pending = new Map<string, Evidence[]>();
  for await (const commit of commits) {
    const context: Evidence[] = [];
    const inherited = pending.get(commit.sha);
    if (inherited !== undefined) {
      pending.delete(commit.sha);
      context.push(...inherited);
    }
    const own = mergeCommitEvidence(commit, options.registry, options.branchEvidence);
    if (own.length > 0) {
      context.push(...own);
      const carried = own.map((item) => ({ ...item, detail: `brought in by ${item.detail}` }));
      for (const sha of await mergedCommits(options.repo, commit.parents)) {
        if (!pending.has(sha)) {
          pending.set(sha, carried);
        }
      }
    }
    yield { commit, provenance: options.classify(commit, context) };
  }
}
