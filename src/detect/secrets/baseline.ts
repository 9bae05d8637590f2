/**
 * The baseline: a JSON file, written by custody, listing fingerprints of findings a team has
 * accepted (old keys already rotated, test fixtures). It holds fingerprints only — never a
 * secret, a redacted form or a path — so committing it leaks nothing. A malformed file is a
 * `BASELINE_INVALID` error naming the file; it is never silently treated as empty.
 */
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { CustodyError } from "../../model/errors.js";
import type { Finding } from "../../model/finding.js";

const baselineSchema = z.strictObject({
  tool: z.literal("custody"),
  kind: z.literal("secrets-baseline"),
  version: z.literal(2),
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{32}$/, "a fingerprint is 32 lower-case hex digits")),
});

type BaselineFile = z.infer<typeof baselineSchema>;

export async function loadBaseline(file: string): Promise<ReadonlySet<string>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CustodyError(
      "FILE_NOT_FOUND",
      `The secrets baseline ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? "error"}). Create it with \`custody secrets baseline\`, or remove \`baseline\` from detectors.secrets.`,
      { position: { file }, cause: error },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CustodyError(
      "BASELINE_INVALID",
      `The secrets baseline ${file} is not valid JSON. Regenerate it with custody rather than editing it by hand.`,
      { position: { file }, cause: error },
    );
  }
  if (typeof data === "object" && data !== null && (data as { version?: unknown }).version === 1) {
    throw new CustodyError(
      "BASELINE_INVALID",
      `The secrets baseline ${file} holds version-1 fingerprints (unkeyed, and no longer matched). Regenerate it with \`custody secrets baseline\`.`,
      { position: { file, key: "version" } },
    );
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    throw new CustodyError(
      "BASELINE_INVALID",
      `The secrets baseline ${file} is malformed${key === "" ? "" : ` at \`${key}\``}: ${issue?.message ?? "unexpected shape"}. Expected {"tool":"custody","kind":"secrets-baseline","version":2,"fingerprints":[…]}; regenerate it with \`custody secrets baseline\`.`,
      { position: key === "" ? { file } : { file, key } },
    );
  }
  return new Set(parsed.data.fingerprints);
}

/** Writes the fingerprints of `findings` (sorted, deduplicated) as a baseline file. */
export async function writeBaseline(findings: readonly Finding[], file: string): Promise<void> {
  const baseline: BaselineFile = {
    tool: "custody",
    kind: "secrets-baseline",
    version: 2,
    fingerprints: [...new Set(findings.map((finding) => finding.fingerprint))].sort(),
  };
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`, "utf8");
}
