/**
 * The check engine: one change in, one verdict out. The CLI (`custody check`), the Action and
 * the server (a GitHub App check run) all call this, so the same rules give the same answer in a
 * terminal, in Actions and on a webhook.
 *
 * Order: the policy and CODEOWNERS come from the BASE revision (unless the caller deliberately
 * passes another policy, whose source the verdict then names); who wrote it (provenance) decides
 * which rules apply; the policy's rules and the enabled detectors produce findings; findings
 * merged from other scanners join them; the policy's `fail_on` threshold turns findings into
 * pass or fail. Every rule and detector is accounted for in `verdict.rules`.
 */
import { DETECTORS } from "../detect/index.js";
import type { Identity } from "../model/actor.js";
import type { Change, Snapshot } from "../model/change.js";
import type { Detector } from "../model/detector.js";
import type { Finding } from "../model/finding.js";
import { atLeast } from "../model/severity.js";
import type { PolicySource, RuleOutcome, Verdict } from "../model/verdict.js";
import type { CodeownersFile, Policy } from "../policy/index.js";
import { evaluatePolicy, loadCodeownersAt, loadPolicyAt } from "../policy/index.js";
import { actorKindOf, buildRegistry, classifyChange } from "../provenance/index.js";
import { runDetector } from "./apply-detector-options.js";
import { repositoryKey } from "../sources/git/repository-key.js";

export interface CheckInput {
  change: Change;
  base: Snapshot;
  head: Snapshot;
  /**
   * The policy to apply. Omitted: read from `base` (the default everywhere). Given: the caller
   * chose another source (`--policy-from worktree`, `--policy FILE`) and says which in `policySource`.
   */
  policy?: Policy;
  policySource?: PolicySource;
  /** CODEOWNERS to apply; omitted: read from `base` (`null`: deliberately none). */
  codeowners?: CodeownersFile | null;
  /** Whoever pushed the head (a webhook's sender); omitted: the head commit's committer. */
  lastPusher?: Identity;
  repoDir?: string;
  /** Findings from other scanners (`--sarif`), merged as they are. */
  externalFindings?: readonly Finding[];
  detectors?: readonly Detector[];
}

export interface CheckResult {
  verdict: Verdict;
  /** Rules and detectors that did not judge the change, with the reason and what would make them run. */
  skipped: { rule: string; reason: string; remedy?: string }[];
}

export async function runCheck(input: CheckInput): Promise<CheckResult> {
  const { change } = input;
  let policy: Policy;
  let policySource: PolicySource;
  if (input.policy === undefined) {
    const loaded = await loadPolicyAt(input.base);
    policy = loaded.policy;
    policySource = loaded.from;
  } else {
    policy = input.policy;
    policySource = input.policySource ?? { origin: "file" };
  }
  const registry = buildRegistry(policy.agents);
  const provenance = classifyChange(change, registry, { requiredTrailers: policy.provenance.required_trailers });
  const codeowners = input.codeowners === undefined ? (await loadCodeownersAt(input.base))?.codeowners : (input.codeowners ?? undefined);
  const lastPusher = input.lastPusher ?? headPusher(change);

  // Reviewers are classified by the same registry as authors, so an AI reviewer that looks like
  // a person (a built-in signature) never counts toward the human quorum.
  const evaluation = evaluatePolicy({
    change,
    provenance,
    policy,
    actorKind: actorKindOf(registry),
    ...(codeowners ? { codeowners } : {}),
    ...(lastPusher ? { lastPusher } : {}),
    ...(policySource.path !== undefined && policySource.origin !== "file" ? { policyPath: policySource.path } : {}),
  });
  const findings: Finding[] = [...evaluation.findings];
  const ran = [...evaluation.ran];
  const rules: RuleOutcome[] = [...evaluation.outcomes];
  const skipped = [...evaluation.skipped];

  const repoKey = input.repoDir === undefined ? undefined : await repositoryKey(input.repoDir);
  for (const detector of input.detectors ?? DETECTORS) {
    const found = await runDetector(detector, policy.detectors[detector.id], {
      change,
      base: input.base,
      head: input.head,
      ...(input.repoDir !== undefined ? { repoDir: input.repoDir } : {}),
      ...(repoKey !== undefined ? { repositoryKey: repoKey } : {}),
    });
    if (found === undefined) {
      const reason = `disabled by the policy (detectors.${detector.id}.enabled: false)`;
      const remedy = `set detectors.${detector.id}.enabled: true`;
      rules.push({ id: detector.id, kind: "detector", outcome: "skipped", findings: 0, reason, remedy });
      skipped.push({ rule: detector.id, reason, remedy });
      continue;
    }
    findings.push(...found);
    ran.push(detector.id);
    rules.push({ id: detector.id, kind: "detector", outcome: found.length > 0 ? "failed" : "passed", findings: found.length });
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
      rules,
      policySource,
    },
    skipped,
  };
}

/**
 * Who pushed the head, as far as git can tell: its committer. GitHub's web-flow identity commits
 * merges and web edits for someone else, so then the author is the person.
 */
function headPusher(change: Change): Identity | undefined {
  const head = change.commits.at(-1);
  if (head === undefined) {
    return undefined;
  }
  const person = head.committer.email.toLowerCase() === "noreply@github.com" ? head.author : head.committer;
  return { name: person.name, email: person.email };
}
