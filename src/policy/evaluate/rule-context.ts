/**
 * What a policy rule sees: the change, who wrote it, the validated policy, the CODEOWNERS of
 * the head revision when there is one. Values only — a rule does no I/O; the caller (check,
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
  /** CODEOWNERS parsed from the head revision (see CODEOWNERS_PATHS). */
  codeowners?: CodeownersFile;
  /**
   * Classifies a reviewer or assignee (the provenance classifier with the policy's signatures
   * supplies it). Without it, rules use the provenance classifier built from the built-in
   * signatures and the policy's `agents:` — see classify-identity.ts.
   */
  actorKind?: (identity: Identity) => ActorKind;
}

interface PolicyRuleMeta extends RuleMeta {
  category: "policy" | "provenance";
}

export interface PolicyRule {
  meta: PolicyRuleMeta;
  /** The rule's section under `rules:` in the policy file. */
  section: RuleSection;
  /**
   * Why the rule cannot judge this change (a pull request, reviews or CODEOWNERS it needs are
   * absent), or `undefined` when it can. A skipped rule neither fires nor passes: the caller
   * reports the reason.
   */
  skipReason?: (context: RuleContext) => string | undefined;
  evaluate: (context: RuleContext) => Finding[];
}
