/**
 * `required-trailers`: an agent commit lacks a provenance trailer the policy requires
 * (`Agent-Task`, `Authorized-by` by default). Without them no one can say which task the
 * commit served or which human authorised it. Keys compare case-insensitively, as git does.
 * A delegator trailer that names an agent or bot (`Authorized-by: Claude <noreply@anthropic.com>`)
 * is an agent authorising itself: refused with its reason (a finding of its own), and never a delegator.
 */
import type { Finding } from "../../model/finding.js";
import { classifyIdentity } from "../approvals/classify-identity.js";
import { parseIdentityText } from "../approvals/identity.js";
import { refuseAgentDelegators } from "../approvals/independence.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const requiredTrailersRule: PolicyRule = {
  meta: {
    id: "required-trailers",
    category: "provenance",
    severity: "medium",
    description: "An agent commit lacks a provenance trailer the policy requires, so its task or the authorising human is unknown.",
  },
  section: "required_trailers",
  evaluate(context) {
    const required = context.policy.provenance.required_trailers;
    if (required.length === 0) {
      return [];
    }
    const commits = new Map(context.change.commits.map((commit) => [commit.sha, commit]));
    const findings: Finding[] = [];
    for (const provenance of context.provenance.commits) {
      if (provenance.kind !== "agent") {
        continue;
      }
      const present = new Set<string>();
      for (const [key, value] of Object.entries(provenance.provenanceTrailers)) {
        if (value.trim() !== "") {
          present.add(key.toLowerCase());
        }
      }
      for (const trailer of commits.get(provenance.sha)?.trailers ?? []) {
        if (trailer.value.trim() !== "") {
          present.add(trailer.key.toLowerCase());
        }
      }
      const agent = provenance.agent ?? "unidentified-agent";
      const delegatorKey = context.policy.provenance.delegator_trailer;
      const named = (commits.get(provenance.sha)?.trailers ?? []).filter(
        (trailer) => trailer.key.toLowerCase() === delegatorKey.toLowerCase() && trailer.value.trim() !== "",
      );
      const { refused } = refuseAgentDelegators(
        named.map((trailer) => parseIdentityText(trailer.value)),
        (identity) => classifyIdentity(context, identity),
        `${delegatorKey}:`,
      );
      for (const refusal of refused) {
        findings.push(
          policyFinding(requiredTrailersRule, context, {
            message: `Commit ${provenance.sha.slice(0, 12)} by agent ${agent}: ${refusal.reason}.`,
            identity: [provenance.sha, "agent-delegator", delegatorKey.toLowerCase()],
            commit: provenance.sha,
            properties: { agent, refusedDelegator: refusal.kind },
          }),
        );
      }
      const missing = required.filter((key) => !present.has(key.toLowerCase()));
      if (missing.length === 0) {
        continue;
      }
      findings.push(
        policyFinding(requiredTrailersRule, context, {
          message: `Commit ${provenance.sha.slice(0, 12)} by agent ${agent} lacks the ${missing.map((key) => `${key}:`).join(", ")} trailer${missing.length > 1 ? "s" : ""}.`,
          identity: [provenance.sha, ...missing.map((key) => key.toLowerCase())],
          commit: provenance.sha,
          properties: { agent, missing },
        }),
      );
    }
    return findings;
  },
};
