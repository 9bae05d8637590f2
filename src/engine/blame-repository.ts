/**
 * `blame` as Custody runs it on a repository: the policy (agents, provenance.branch_evidence) read
 * from the repository or the file given, optionally the notes fetched first, then blameRepository.
 */
import type { BlameReport } from "../model/blame-report.js";
import { blameRepository } from "./blame.js";
import { loadPolicy } from "../policy/index.js";
import { buildRegistry } from "../provenance/index.js";
import { fetchNotes } from "../sources/git/read-commits.js";
import type { Repository } from "../sources/git/repository.js";
import { resolveRef } from "../sources/git/repository.js";

export interface BlameRepositoryOptions {
  repo: Repository;
  /** Paths relative to the repository root. */
  paths: readonly string[];
  rev: string;
  /** Absolute path of a policy file; default .github/custody.yml in the repository. */
  policy?: string;
  /** Fetch `refs/notes/*` from origin first (git-ai notes are not fetched by a clone). */
  fetchNotes?: boolean;
}

export async function blameWithPolicy(options: BlameRepositoryOptions): Promise<BlameReport> {
  const { policy } = await loadPolicy({ repoDir: options.repo.dir, ...(options.policy === undefined ? {} : { path: options.policy }) });
  if (options.fetchNotes === true) {
    await fetchNotes(options.repo);
  }
  const rev = await resolveRef(options.repo, options.rev);
  return blameRepository({
    repo: options.repo,
    paths: options.paths,
    rev,
    registry: buildRegistry(policy.agents),
    classifyOptions: { requiredTrailers: [...policy.provenance.required_trailers] },
    branchEvidence: policy.provenance.branch_evidence,
  });
}
