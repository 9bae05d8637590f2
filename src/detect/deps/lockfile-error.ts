/**
 * The one way a parser reports a file it cannot read: a CustodyError LOCKFILE_INVALID naming the
 * file, and the line when the underlying parser gives one. Raw SyntaxErrors and zod issues never
 * escape a parser; they are turned into this.
 */
import { CustodyError } from "../../model/errors.js";
import type { z } from "zod";

export function lockfileError(file: string, problem: string, options?: { line?: number; key?: string; cause?: unknown }): CustodyError {
  const where = options?.line === undefined ? file : `${file}:${String(options.line)}`;
  const key = options?.key === undefined || options.key === "" ? "" : ` (at ${options.key})`;
  return new CustodyError(
    "LOCKFILE_INVALID",
    `${where}: cannot read this dependency file: ${problem}${key}. Fix or regenerate the file (for a lockfile, run the package manager's install again) and re-run.`,
    {
      position: {
        file,
        ...(options?.line === undefined ? {} : { line: options.line }),
        ...(options?.key === undefined || options.key === "" ? {} : { key: options.key }),
      },
      cause: options?.cause,
    },
  );
}

/** Parses `value` with `schema` or throws LOCKFILE_INVALID naming the first offending key. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string, keyPrefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const key = [...(keyPrefix === undefined ? [] : [keyPrefix]), ...(issue?.path.map(String) ?? [])].join(".");
  throw lockfileError(file, issue === undefined ? "unexpected structure" : issue.message, { key });
}

/** JSON.parse that reports the line of a syntax error instead of throwing SyntaxError. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports "... at position N" (and since Node 20 also "(line L column C)"); turn the
    // position into a line so the user can find it.
    const lineMatch = /line (\d+)/.exec(message);
    const positionMatch = /position (\d+)/.exec(message);
    let line: number | undefined;
    if (lineMatch?.[1] !== undefined) {
      line = Number(lineMatch[1]);
    } else if (positionMatch?.[1] !== undefined) {
      line = lineAt(text, Number(positionMatch[1]));
    }
    throw lockfileError(file, "not valid JSON", { ...(line === undefined ? {} : { line }), cause: error });
  }
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  let index = text.indexOf("\n");
  while (index !== -1 && index < offset) {
    line++;
    index = text.indexOf("\n", index + 1);
  }
  return line;
}

/** 1-based line where `needle` first appears, or undefined. */
export function lineOf(text: string, needle: string): number | undefined {
  const offset = text.indexOf(needle);
  return offset === -1 ? undefined : lineAt(text, offset);
}
