/**
 * deps/lockfile-invalid: the head version of a manifest or lockfile cannot be parsed. Reported as
 * a finding so the rest of the change is still checked, and so a deliberately broken lockfile
 * cannot hide what it adds.
 */
import type { DepsRule } from "./deps-rule.js";

export const lockfileInvalidRule: DepsRule = {
  meta: {
    id: "deps/lockfile-invalid",
    category: "dependency",
    severity: "medium",
    description: "A manifest or lockfile in the change cannot be parsed, so its dependencies were not reviewed.",
  },
  check: ({ error }) =>
    error === undefined
      ? []
      : [
          {
            message: error.message,
            ...(error.position?.line === undefined ? {} : { line: error.position.line }),
            properties: { code: error.code },
          },
        ],
};
