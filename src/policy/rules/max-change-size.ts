/**
 * `max-change-size`: an agent change touches more files, or adds and deletes more lines, than
 * the policy allows. Reviewers approve large agent diffs they have not really read; a size
 * budget keeps each agent change reviewable. Measured on the net change (base..head).
 */
import type { Finding } from "../../model/finding.js";
import { agentNames, isAgentChange } from "../evaluate/agent-activity.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const maxChangeSizeRule: PolicyRule = {
  meta: {
    id: "max-change-size",
    category: "policy",
    severity: "low",
    description: "An agent change touches more files or modifies more lines than the policy's size budget, too large to review well.",
  },
  section: "max_change_size",
  evaluate(context) {
    if (!isAgentChange(context)) {
      return [];
    }
    const options = context.policy.rules.max_change_size;
    const agent = agentNames(context);
    const files = context.change.files.length;
    const lines = context.change.files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
    const findings: Finding[] = [];
    if (files > options.max_files) {
      findings.push(
        policyFinding(maxChangeSizeRule, context, {
          message: `Agent change by ${agent} touches ${String(files)} files; the policy allows at most ${String(options.max_files)}.`,
          identity: ["files"],
          properties: { agent, files, limit: options.max_files },
        }),
      );
    }
    if (lines > options.max_modified_lines) {
      findings.push(
        policyFinding(maxChangeSizeRule, context, {
          message: `Agent change by ${agent} modifies ${String(lines)} lines (added plus deleted); the policy allows at most ${String(options.max_modified_lines)}.`,
          identity: ["lines"],
          properties: { agent, lines, limit: options.max_modified_lines },
        }),
      );
    }
    return findings;
  },
};
