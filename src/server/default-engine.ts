/**
 * The production engine of a pull request evaluation — the same as `custody check`: the policy
 * and CODEOWNERS read from the base through the one loader (`loadPolicyAt`), the change
 * classified with the built-in agent signatures plus the policy's `agents:`, and, for an
 * agent-authored change, `runCheck` with every rule and detector. A change that is not
 * agent-authored is not judged (its check passes with the evidence). The quorum on the head is
 * counted by the policy's one independence judge and kept with the result, so the
 * accountability record repeats the engine's count rather than making its own. Loaded lazily
 * so the webhook server starts, and records deliveries, even before an evaluation is first needed.
 */
import type { Identity } from "../model/actor.js";
import type { Change, Snapshot } from "../model/change.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { PolicySource, Verdict } from "../model/verdict.js";
import { displayIdentity, independentQuorum, loadCodeownersAt, loadPolicyAt } from "../policy/index.js";
import { actorKindOf, buildRegistry, classifyChange } from "../provenance/index.js";

export interface Evaluation {
  provenance: ChangeProvenance;
  /** Absent when the change is not agent-authored: no rule was run. */
  verdict?: Verdict;
  skipped: { rule: string; reason: string; remedy?: string }[];
  /** `.github/custody.yml@<sha>`, or `defaults`. */
  policySource: string;
  approvals?: { required: number; counted: string[]; discounted: { reviewer: string; reason: string }[] };
}

/** Judges a change read from GitHub; `base` is where the policy is read. */
export type EngineRun = (input: { change: Change; base: Snapshot; head: Snapshot; lastPusher?: Identity }) => Promise<Evaluation>;

/** `.github/custody.yml@<commit>`, or `defaults`. */
export function describePolicySource(source: PolicySource): string {
  return source.path === undefined ? "defaults" : `${source.path}@${source.rev ?? "?"}`;
}

export const defaultEngine: EngineRun = async (input) => {
  const loaded = await loadPolicyAt(input.base);
  const { policy } = loaded;
  const policySource = describePolicySource(loaded.from);
  const registry = buildRegistry(policy.agents);
  const provenance = classifyChange(input.change, registry, { requiredTrailers: policy.provenance.required_trailers });
  if (provenance.kind !== "agent") {
    return { provenance, skipped: [], policySource };
  }
  const { runCheck } = await import("../engine/run-check.js");
  const codeowners = (await loadCodeownersAt(input.base))?.codeowners ?? null;
  const result = await runCheck({
    change: input.change,
    base: input.base,
    head: input.head,
    policy,
    policySource: loaded.from,
    codeowners,
    ...(input.lastPusher === undefined ? {} : { lastPusher: input.lastPusher }),
  });
  const quorum = independentQuorum({
    change: input.change,
    provenance: result.verdict.provenance,
    policy,
    actorKind: actorKindOf(registry),
    ...(codeowners === null ? {} : { codeowners }),
    ...(input.lastPusher === undefined ? {} : { lastPusher: input.lastPusher }),
  });
  return {
    provenance: result.verdict.provenance,
    verdict: result.verdict,
    skipped: result.skipped,
    policySource,
    approvals: {
      required: policy.rules.required_approvals.enabled ? policy.rules.required_approvals.count : 0,
      counted: quorum.counted.map(displayIdentity),
      discounted: quorum.discounted.map((d) => ({ reviewer: displayIdentity(d.identity), reason: d.reason })),
    },
  };
};
