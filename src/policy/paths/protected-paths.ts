/**
 * The protected-path matcher the `protected-paths` rule and `custody audit` share: the
 * built-in list (unless `include_defaults: false`) plus the policy's `paths`, minus `ignore`.
 */
import { DEFAULT_PROTECTED_PATHS } from "../schema/default-paths.js";
import { globMatcher } from "./glob.js";
import type { Policy } from "../schema/policy-schema.js";

/** Returns the protecting glob for a path, or `undefined` when the path is not protected. */
export function protectedPathMatcher(policy: Policy): (path: string) => string | undefined {
  const options = policy.rules.protected_paths;
  const protect = globMatcher([...(options.include_defaults ? DEFAULT_PROTECTED_PATHS : []), ...options.paths]);
  const ignore = globMatcher(options.ignore);
  return (path) => (ignore(path) === undefined ? protect(path) : undefined);
}

export function isProtectedPath(policy: Policy, path: string): boolean {
  return protectedPathMatcher(policy)(path) !== undefined;
}
