/**
 * The audit as Custody runs it on a repository: the policy read from the repository (or the file
 * given), the signature registry built from the built-ins plus the policy's `agents`, the
 * policy's required trailers, protected paths, scopes and `provenance.branch_evidence`, then one
 * walk of history — folded into a report (`auditRepository`) or streamed per commit
 * (`auditRepositoryCommits`). Paths are absolute and dates already checked: the CLI (or any
 * other caller, such as the demo) does the parsing and the rendering.
 */
import { summarizeSecrets } from "./audit-secrets.js";
import { scanHistory } from "../detect/secrets/index.js";
import { baselineFor } from "../detect/secrets/secrets-detector.js";
import type { AuditCommitRecord, AuditReport } from "../model/audit-report.js";
import type { Policy } from "../policy/index.js";
import { loadPolicy, protectedPathMatcher, scopeViolations } from "../policy/index.js";
import { buildRegistry, classifyCommit } from "../provenance/index.js";
import type { SignatureRegistry } from "../provenance/index.js";
import type { Repository } from "../sources/git/repository.js";
import { fetchNotes } from "../sources/git/read-commits.js";
import { openRepository } from "../sources/git/repository.js";
import { historyPatches } from "../sources/git/history-patches.js";
import { repositoryKey } from "../sources/git/repository-key.js";
import type { AuditWalkOptions } from "./audit.js";
import { auditCommits, runAudit } from "./audit.js";

export interface AuditRepositoryOptions {
  /** Absolute path of the repository. */
  dir: string;
  /** Checked bounds git reads unambiguously (see the CLI's parseAuditDate). */
  since?: string;
  until?: string;
  /** Absolute path of a policy file; default .github/custody.yml in the repository. */
  policy?: string;
  /** Also scan every added line of the history for secrets. */
  secrets?: boolean;
  /** Secret findings listed in the report (default: the report's example count; Infinity lists all). */
  maxFindings?: number;
  onProgress?: (done: number, total: number) => void;
  /** Fetch `refs/notes/*` from origin first (git-ai notes are not fetched by a clone). */
  fetchNotes?: boolean;
}

interface Prepared {
  repo: Repository;
  policy: Policy;
  registry: SignatureRegistry;
  walk: AuditWalkOptions;
}

async function prepare(options: AuditRepositoryOptions): Promise<Prepared> {
  const repo = await openRepository(options.dir);
  if (options.fetchNotes === true) {
    await fetchNotes(repo);
  }
  const { policy } = await loadPolicy({ repoDir: repo.dir, ...(options.policy === undefined ? {} : { path: options.policy }) });
  const registry = buildRegistry(policy.agents);
  const requiredTrailers = [...policy.provenance.required_trailers];
  const branchEvidence = policy.provenance.branch_evidence;
  const walk: AuditWalkOptions = {
    repo,
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.until === undefined ? {} : { until: options.until }),
    registry,
    branchEvidence,
    classify: (commit, context) => classifyCommit(commit, registry, { requiredTrailers, branchEvidence }, context),
  };
  return { repo, policy, registry, walk };
}

export async function auditRepository(options: AuditRepositoryOptions): Promise<AuditReport> {
  const { repo, policy, walk } = await prepare(options);
  const protectedPath = protectedPathMatcher(policy);
  const report = await runAudit({
    ...walk,
    requiredTrailers: [...policy.provenance.required_trailers],
    isProtected: (path) => protectedPath(path) !== undefined,
    scopeViolations: (agent, paths) => scopeViolations(policy, agent, [], paths),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  if (options.secrets === true) {
    const secretsPolicy = policy.detectors.secrets;
    // A second streamed walk (git log -p) rather than patches in the first: the audit itself
    // needs only --numstat, which is several times cheaper than full patches.
    const patches = historyPatches(repo.dir, {
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.until === undefined ? {} : { until: options.until }),
    });
    const fingerprintKey = await repositoryKey(repo.dir);
    const baseline = await baselineFor(secretsPolicy, repo.dir);
    const matched = new Set<string>();
    const findings = scanHistory(patches, {
      onBaselineHit: (fingerprint) => matched.add(fingerprint),
      ...(fingerprintKey === undefined ? {} : { fingerprintKey }),
      allowlist: secretsPolicy.allowlist,
      rules: secretsPolicy.rules,
      min_severity: secretsPolicy.min_severity,
      max_line_length: secretsPolicy.max_line_length,
      baseline,
    });
    report.secrets = await summarizeSecrets(findings, options.maxFindings ?? report.maxExamples);
    if (secretsPolicy.baseline !== undefined) {
      report.secrets.staleBaseline = {
        entries: baseline.size,
        stale: [...baseline].filter((fingerprint) => !matched.has(fingerprint)).length,
      };
    }
  }
  return report;
}

/** Every commit's attribution with its basis and evidence, newest first, streamed. */
export async function* auditRepositoryCommits(
  options: Omit<AuditRepositoryOptions, "secrets" | "onProgress">,
): AsyncGenerator<AuditCommitRecord> {
  const { walk } = await prepare(options);
  yield* auditCommits(walk);
}
