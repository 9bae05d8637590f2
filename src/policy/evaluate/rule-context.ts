/**
 * What a policy rule sees: the change, who wrote it, the validated policy, the CODEOWNERS of
 * the base revision when there is one (never the head's: the change under review must not
 * choose its own reviewers). Values only — a rule does no I/O; the caller (check,
 * audit, the server) gathers everything first.
 */
import type { ActorKind, Identity } from "../../model/actor.js";
import type { Change } from "../../model/change.js";
import type { Finding } from "../../model/finding.js";
import type { ChangeProvenance } from "../../model/provenance.js";
import type { RuleMeta } from "../../model/rule-meta.js";
import type { CodeownersFile } from "../paths/codeowners.js";
import type { Policy, RuleSection } from "../schema/policy-schema.js";

export interface RuleContext {
  change: Change;
  provenance: ChangeProvenance;
  policy: Policy;
  /** CODEOWNERS parsed from the base revision (see CODEOWNERS_PATHS). */
  codeowners?: CodeownersFile;
  /** Whoever pushed the head commit, when known: not independent of the change. */
  lastPusher?: Identity;
  /** The policy file in effect (repository-relative), so a change to it can be recognised. */
  policyPath?: string;
  /**
   * Classifies a reviewer or assignee (the provenance classifier with the policy's signatures
   * supplies it). Without it, rules use the provenance classifier built from the built-in
   * signatures and the policy's `agents:` — see classify-identity.ts.
   */
  actorKind?: (identity: Identity) => ActorKind;
}

export interface MissingData {
  /** What is missing: `the pull request's reviews are unknown`. */
  reason: string;
  /** What would make the rule run: `pass --event with reviews, or give the Action a github-token`. */
  remedy: string;
}

export interface PolicyRuleMeta extends RuleMeta {
  category: "policy" | "provenance";
}

export interface PolicyRule {
  meta: PolicyRuleMeta;
  /** The rule's section under `rules:` in the policy file. */
  section: RuleSection;
  /**
   * What the rule needs and this change lacks (a pull request, reviews, CODEOWNERS), or
   * `undefined` when it can judge. A rule that cannot judge never passes silently: it fails
   * unless the policy says `on_missing_data: skip`, and either way the report names the reason
   * and what would make it run.
   */
  missingData?: (context: RuleContext) => MissingData | undefined;
  evaluate: (context: RuleContext) => Finding[];
}
