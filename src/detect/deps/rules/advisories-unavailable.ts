/**
 * deps/advisories-unavailable: the change brings packages in but no advisory source could be
 * used, so known vulnerabilities and malware were not looked for. Never silent: a warning (low)
 * in every report format, and a failure (high) when the policy sets `advisories.required: true`.
 */
import type { DepsRule } from "./deps-rule.js";

export const advisoriesUnavailableRule: DepsRule = {
  meta: {
    id: "deps/advisories-unavailable",
    category: "dependency",
    severity: "low",
    description: "The advisory check did not run: no OSV export or OSV API could be used.",
  },
  scope: "change",
  check: ({ advisoryStatus }) => {
    if (advisoryStatus === undefined || advisoryStatus.ran) {
      return [];
    }
    return [
      {
        message: `The advisory check did not run: ${advisoryStatus.problem ?? "no advisory source"}. Packages this change brings in were not checked for known vulnerabilities or malware; run \`custody advisories update\` for an offline copy, or set detectors.deps.advisories.`,
        ...(advisoryStatus.required ? { severity: "high" as const } : {}),
        properties: {
          required: advisoryStatus.required,
          ...(advisoryStatus.problem === undefined ? {} : { problem: advisoryStatus.problem }),
        },
      },
    ];
  },
};
