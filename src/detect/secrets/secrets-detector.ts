/**
 * The secrets detector for `check`: scans the lines a change adds, file by file, and reports
 * each credential with a redacted form and a fingerprint. Only added lines are scanned (a key
 * already in the base is not this change's doing; `audit --secrets` covers history). A file
 * whose diff was too large to keep is scanned whole at head (see scanWholeFile); a binary file
 * or one over `max_file_bytes` becomes an info finding saying so — nothing is skipped in silence.
 */
import { isAbsolute, join } from "node:path";
import type { Detector, DetectorInput } from "../../model/detector.js";
import type { Finding } from "../../model/finding.js";
import { loadBaseline } from "./baseline.js";
import { secretsOptionsSchema, type SecretsOptions } from "./options.js";
import { notScannedFinding } from "./not-scanned.js";
import { createSecretScanner, type SecretScanner } from "./scan-text.js";
import { secretFinding } from "./secret-finding.js";

/** Loads the baseline named by the options, relative to the repository root. */
export async function baselineFor(options: SecretsOptions, repoDir: string | undefined): Promise<ReadonlySet<string>> {
  if (options.baseline === undefined) {
    return new Set();
  }
  const file = isAbsolute(options.baseline) || repoDir === undefined ? options.baseline : join(repoDir, options.baseline);
  return loadBaseline(file);
}

/**
 * A file whose diff was too large to keep has no added lines: scan the whole file at head and
 * report what the base did not already hold (same rule, path and value), so a key appended to
 * a large generated file is still found.
 */
async function scanWholeFile(input: DetectorInput, path: string, scanner: SecretScanner, maxBytes: number): Promise<Finding[]> {
  const head = await input.head.read(path);
  if (head === undefined) {
    return [notScannedFinding(path, "unreadable")];
  }
  if (head.length > maxBytes) {
    return [notScannedFinding(path, "too-large", `${String(head.length)} bytes`)];
  }
  if (head.includes(0)) {
    return [notScannedFinding(path, "binary")];
  }
  const base = await input.base.read(path);
  const before = new Set(
    base === undefined || base.length > maxBytes ? [] : scanner.scan(base.toString("utf8"), path).map((match) => match.fingerprint),
  );
  return scanner
    .scan(head.toString("utf8"), path)
    .filter((match) => !before.has(match.fingerprint))
    .map((match) => secretFinding(match, { path }));
}

export const secretsDetector: Detector<SecretsOptions> = {
  id: "secrets",
  description: "Credentials (API keys, tokens, private keys, connection strings) in the lines a change adds.",
  optionsSchema: secretsOptionsSchema,
  async run(input: DetectorInput<SecretsOptions>): Promise<Finding[]> {
    const { options } = input;
    const scanner = createSecretScanner({
      ...options,
      baseline: await baselineFor(options, input.repoDir),
      ...(input.repositoryKey === undefined ? {} : { fingerprintKey: input.repositoryKey }),
    });
    const findings: Finding[] = [];
    for (const file of input.change.files) {
      if (file.status === "deleted") {
        continue;
      }
      if (file.binary) {
        // Keystores are judged by name; anything else binary is said to be unscanned.
        findings.push(...scanner.scan("\u0000", file.path).map((match) => secretFinding(match, { path: file.path })));
        findings.push(notScannedFinding(file.path, "binary"));
        continue;
      }
      if (file.truncated === true) {
        findings.push(...(await scanWholeFile(input, file.path, scanner, options.max_file_bytes)));
        continue;
      }
      if (file.addedLines.length === 0) {
        continue;
      }
      const text = file.addedLines.map((added) => added.text).join("\n");
      if (text.length > options.max_file_bytes) {
        findings.push(notScannedFinding(file.path, "too-large", `${String(text.length)} chars added`));
        continue;
      }
      if (text.includes("\u0000")) {
        findings.push(notScannedFinding(file.path, "binary"));
        continue;
      }
      const lines = file.addedLines;
      const lineOf = (line: number): number => lines[line - 1]?.line ?? line;
      for (const match of scanner.scan(text, file.path)) {
        findings.push(secretFinding(match, { path: file.path, lineOf }));
      }
    }
    return findings;
  },
};
