/**
 * The production engine of a pull request evaluation — the same as `custody check`: the policy
 * read from the base revision (`.github/custody.yml`, else the defaults), the change classified
 * with the built-in agent signatures plus the policy's `agents:`, and, for an agent-authored
 * change, `runCheck` with every rule and detector. A change that is not agent-authored is not
 * judged (its check passes with the evidence). The quorum on the head is counted by the
 * policy's one independence judge and kept with the result, so the accountability record
 * repeats the engine's count rather than making its own. Loaded lazily so the webhook server
 * starts, and records deliveries, even before an evaluation is first needed.
 */
import type { Identity } from "../model/actor.js";
import type { Change, Snapshot } from "../model/change.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { Verdict } from "../model/verdict.js";
import { DEFAULT_POLICY_PATHS, defaultPolicy, independentQuorum, parsePolicy, type Policy } from "../policy/index.js";
import { actorKindOf, buildRegistry, classifyChange } from "../provenance/index.js";

export interface Evaluation {
  provenance: ChangeProvenance;
  /** Absent when the change is not agent-authored: no rule was run. */
  verdict?: Verdict;
  skipped: { rule: string; reason: string }[];
  /** `.github/custody.yml@<sha>`, or `defaults`. */
  policySource: string;
  approvals?: { required: number; counted: string[]; discounted: { reviewer: string; reason: string }[] };
}

/** Judges a change read from GitHub; `base` is where the policy is read. */
export type EngineRun = (input: { change: Change; base: Snapshot; head: Snapshot }) => Promise<Evaluation>;

const display = (identity: Identity): string => identity.login ?? identity.name ?? identity.email ?? (identity.id === undefined ? "unknown" : `#${String(identity.id)}`);

async function policyAt(base: Snapshot): Promise<{ policy: Policy; source: string }> {
  for (const path of DEFAULT_POLICY_PATHS) {
    const bytes = await base.read(path);
    if (bytes !== undefined) {
      return { policy: parsePolicy(bytes.toString("utf8"), path), source: `${path}@${base.rev}` };
    }
  }
  return { policy: defaultPolicy(), source: "defaults" };
}

export const defaultEngine: EngineRun = async (input) => {
  const { policy, source } = await policyAt(input.base);
  const registry = buildRegistry(policy.agents);
  const provenance = classifyChange(input.change, registry, { requiredTrailers: policy.provenance.required_trailers });
  if (provenance.kind !== "agent") {
    return { provenance, skipped: [], policySource: source };
  }
  const { runCheck } = await import("../engine/run-check.js");
  const result = await runCheck({ change: input.change, base: input.base, head: input.head, policy });
  const quorum = independentQuorum({ change: input.change, provenance: result.verdict.provenance, policy, actorKind: actorKindOf(registry) });
  return {
    provenance: result.verdict.provenance,
    verdict: result.verdict,
    skipped: result.skipped,
    policySource: source,
    approvals: {
      required: policy.rules.required_approvals.enabled ? policy.rules.required_approvals.count : 0,
      counted: quorum.counted.map(display),
      discounted: quorum.discounted.map((d) => ({ reviewer: display(d.identity), reason: d.reason })),
    },
  };
};
