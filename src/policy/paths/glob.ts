/**
 * Globs as the policy writes them: validated once when the policy is parsed (an unbalanced
 * bracket or brace is a policy error with a line and column, not a silent never-match), then
 * compiled by picomatch with `dot: true` so `.github/**` and `.env` match like any other path.
 * Custody never turns user text into a RegExp itself; picomatch escapes everything but glob syntax.
 */
import picomatch from "picomatch";
import { z } from "zod";

const OPTIONS = { dot: true } as const;

/** Why a glob is unusable, or `undefined` when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") {
    return "an empty glob matches nothing";
  }
  if (glob.startsWith("/") || glob.startsWith("./")) {
    return `paths are relative to the repository root without a leading "${glob.startsWith("/") ? "/" : "./"}"`;
  }
  try {
    // strictBrackets makes an unbalanced [ { ( an error; debug makes picomatch rethrow what
    // it would otherwise swallow into a pattern that never matches.
    picomatch.makeRe(glob, { ...OPTIONS, strictBrackets: true, debug: true });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `not a valid glob (${reason.replace(/^Invalid regular expression: \/.*\/: /, "")})`;
  }
}

export const globSchema = z
  .string()
  .superRefine((glob, context) => {
    const problem = globProblem(glob);
    if (problem !== undefined) {
      context.addIssue({ code: "custom", message: `bad glob "${glob}": ${problem}` });
    }
  })
  .meta({ description: "A glob (picomatch syntax, dotfiles included) relative to the repository root." });

/** Returns the first glob that matches a path, or `undefined`. */
export type GlobMatcher = (path: string) => string | undefined;

export function globMatcher(globs: readonly string[]): GlobMatcher {
  const compiled = globs.map((glob) => ({ glob, test: picomatch(glob, OPTIONS) }));
  return (path) => compiled.find((entry) => entry.test(path))?.glob;
}
