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
 *
 * With `notes`, commits that carry a git-ai authorship note (refs/notes/ai) get its sessions as
 * evidence (basis `notes`): one `git notes list` up front, one read per noted commit.
 */
import type { Commit } from "../model/commit.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import type { BranchEvidenceMode } from "../provenance/branch-evidence.js";
import { mergeCommitEvidence } from "../provenance/branch-evidence.js";
import type { SignatureRegistry } from "../provenance/signature-registry.js";
import type { Repository } from "../sources/git/repository.js";
import { mergedCommits } from "../sources/git/merge-commits.js";
import { noteEvidence, parseAuthorshipNote } from "../provenance/git-ai-notes.js";
import { notedCommits, readAiNote } from "../sources/git/read-commits.js";

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
  /** Read git-ai notes as evidence (default true). */
  notes?: boolean;
}

export async function* attributeHistory(
  commits: AsyncIterable<Commit>,
  options: HistoryAttributionOptions,
): AsyncGenerator<AttributedCommit> {
  const pending = new Map<string, Evidence[]>();
  const noted = options.notes === false ? new Set<string>() : await notedCommits(options.repo);
  for await (const commit of commits) {
    const context: Evidence[] = [];
    if (noted.has(commit.sha)) {
      const text = await readAiNote(options.repo, commit.sha);
      const note = text === undefined ? undefined : parseAuthorshipNote(text);
      if (note !== undefined) {
        context.push(...noteEvidence(note, options.registry));
      }
    }
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
