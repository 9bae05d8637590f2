/**
 * The check engine: one change in, one verdict out. The CLI (`custody check`) and the server
 * (a GitHub App check run) both call this, so the same rules give the same answer in a
 * terminal, in Actions and on a webhook.
 *
 * Order: who wrote it (provenance) decides which rules apply; the policy's rules and the
 * enabled detectors produce findings; findings merged from other scanners join them; the
 * policy's `fail_on` threshold turns findings into pass or fail.
 */
import { DETECTORS } from "../detect/index.js";
import type { Change, Snapshot } from "../model/change.js";
import type { Detector } from "../model/detector.js";
import type { Finding } from "../model/finding.js";
import { atLeast } from "../model/severity.js";
import type { Verdict } from "../model/verdict.js";
import type { Policy } from "../policy/index.js";
import { CODEOWNERS_PATHS, evaluatePolicy, parseCodeowners } from "../policy/index.js";
import { actorKindOf, buildRegistry, classifyChange } from "../provenance/index.js";
import { runDetector } from "./apply-detector-options.js";
import { repositoryKey } from "../sources/git/repository-key.js";

export interface CheckInput {
  change: Change;
  base: Snapshot;
  head: Snapshot;
  policy: Policy;
  repoDir?: string;
  /** Findings from other scanners (`--sarif`), merged as they are. */
  externalFindings?: readonly Finding[];
  detectors?: readonly Detector[];
}

export interface CheckResult {
  verdict: Verdict;
  /** Rules that could not run for lack of data (no PR, no reviews), with the reason. */
  skipped: { rule: string; reason: string }[];
}

export async function runCheck(input: CheckInput): Promise<CheckResult> {
  const { change, policy } = input;
  const registry = buildRegistry(policy.agents);
  const provenance = classifyChange(change, registry, { requiredTrailers: policy.provenance.required_trailers });
  const codeowners = await readCodeowners(input.head);

  // Reviewers are classified by the same registry as authors, so an AI reviewer that looks like
  // a person (a built-in signature) never counts toward the human quorum.
  const evaluation = evaluatePolicy({ change, provenance, policy, actorKind: actorKindOf(registry), ...(codeowners ? { codeowners } : {}) });
  const findings: Finding[] = [...evaluation.findings];
  const ran = [...evaluation.ran];

  const repoKey = input.repoDir === undefined ? undefined : await repositoryKey(input.repoDir);
  for (const detector of input.detectors ?? DETECTORS) {
    const found = await runDetector(detector, policy.detectors[detector.id], {
      change,
      base: input.base,
      head: input.head,
      ...(input.repoDir !== undefined ? { repoDir: input.repoDir } : {}),
      ...(repoKey !== undefined ? { repositoryKey: repoKey } : {}),
    });
    if (found !== undefined) {
      findings.push(...found);
      ran.push(detector.id);
    }
  }
  findings.push(...(input.externalFindings ?? []));

  const failOn = policy.fail_on;
  return {
    verdict: {
      outcome: findings.some((finding) => atLeast(finding.severity, failOn)) ? "fail" : "pass",
      failOn,
      findings,
      provenance,
      base: change.base,
      head: change.head,
      ran,
    },
    skipped: evaluation.skipped,
  };
}

async function readCodeowners(head: Snapshot): Promise<ReturnType<typeof parseCodeowners> | undefined> {
  for (const path of CODEOWNERS_PATHS) {
    const bytes = await head.read(path);
    if (bytes) {
      return parseCodeowners(bytes.toString("utf8"), path);
    }
  }
  return undefined;
}
