/**
 * The secrets detector for `check`: scans the lines a change adds, file by file, and reports
 * each credential with a redacted form and a fingerprint. Only added lines are scanned (a key
 * already in the base is not this change's doing; `audit --secrets` covers history). Files
 * marked binary are skipped; a file whose diff was truncated has no added lines to scan.
 */
import { isAbsolute, join } from "node:path";
import type { Detector, DetectorInput } from "../../model/detector.js";
import type { Finding } from "../../model/finding.js";
import { loadBaseline } from "./baseline.js";
import { secretsOptionsSchema, type SecretsOptions } from "./options.js";
import { createSecretScanner } from "./scan-text.js";
import { secretFinding } from "./secret-finding.js";

/** Loads the baseline named by the options, relative to the repository root. */
export async function baselineFor(options: SecretsOptions, repoDir: string | undefined): Promise<ReadonlySet<string>> {
  if (options.baseline === undefined) {
    return new Set();
  }
  const file = isAbsolute(options.baseline) || repoDir === undefined ? options.baseline : join(repoDir, options.baseline);
  return loadBaseline(file);
}

export const secretsDetector: Detector<SecretsOptions> = {
  id: "secrets",
  description: "Credentials (API keys, tokens, private keys, connection strings) in the lines a change adds.",
  optionsSchema: secretsOptionsSchema,
  async run(input: DetectorInput<SecretsOptions>): Promise<Finding[]> {
    const { options } = input;
    const scanner = createSecretScanner({ ...options, baseline: await baselineFor(options, input.repoDir) });
    const findings: Finding[] = [];
    for (const file of input.change.files) {
      if (file.binary || file.addedLines.length === 0) {
        continue;
      }
      const text = file.addedLines.map((added) => added.text).join("\n");
      const lines = file.addedLines;
      const lineOf = (line: number): number => lines[line - 1]?.line ?? line;
      for (const match of scanner.scan(text, file.path)) {
        findings.push(secretFinding(match, { path: file.path, lineOf }));
      }
    }
    return findings;
  },
};
