/**
 * The promise the whole detector rests on: a secret's value never appears in any output. Every
 * true-positive sample of every rule is scanned — as text, through the `check` detector and
 * through a finding — and the JSON of everything produced must contain neither the secret nor
 * any 5-character piece of it. Pieces that are just the rule's public keywords (`githu` of
 * `github_pat_`) are format markers, not secret material, and are not counted.
 */
import { describe, expect, it } from "vitest";
import type { Change } from "../../model/change.js";
import { SECRET_RULES } from "./rules/index.js";
import { scanText } from "./scan-text.js";
import { FIRST_NON_EMPTY_GROUP } from "./secret-rule.js";
import { secretsDetector } from "./secrets-detector.js";

function secretOf(regex: RegExp, group: number, sample: string): string[] {
  const global = new RegExp(regex.source, regex.flags.includes("g") ? regex.flags : `${regex.flags}g`);
  return [...sample.matchAll(global)]
    .map((m) =>
      group === FIRST_NON_EMPTY_GROUP ? (m.slice(1) as (string | undefined)[]).find((g) => g !== undefined && g !== "") : m[group],
    )
    .filter((s): s is string => s !== undefined && s.length > 0);
}

function leaks(output: string, secret: string, keywords: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 5 <= secret.length; i++) {
    const piece = secret.slice(i, i + 5);
    if (keywords.some((keyword) => keyword.includes(piece.toLowerCase()))) {
      continue;
    }
    if (output.includes(piece)) {
      found.push(piece);
    }
  }
  return found;
}

const emptySnapshot = { rev: "0", read: () => Promise.resolve(undefined) };

describe("no secret leaks into findings", () => {
  // Path-only rules (keystores) read no text, so there is no value to leak.
  it.each(SECRET_RULES.filter((rule) => rule.pathOnly !== true).map((rule) => [rule.meta.id, rule] as const))("%s", async (_id, rule) => {
    const files = rule.truePositives.map((sample, index) => ({
      path: rule.samplePath === undefined ? `samples/${String(index)}.txt` : `samples/${String(index)}/${rule.samplePath}`,
      status: "added" as const,
      additions: 1,
      deletions: 0,
      binary: false,
      addedLines: sample.split("\n").map((text, line) => ({ line: line + 1, text })),
    }));
    const change: Change = { base: "0", head: "1", commits: [], files };
    const findings = await secretsDetector.run({
      change,
      base: emptySnapshot,
      head: emptySnapshot,
      options: secretsDetector.optionsSchema.parse({}),
    });
    const matches = rule.truePositives.flatMap((sample) => scanText(sample, rule.samplePath ?? "sample.txt"));
    expect(findings.length).toBeGreaterThan(0);
    const output = JSON.stringify({ findings, matches });
    for (const sample of rule.truePositives) {
      for (const secret of secretOf(rule.regex, rule.secretGroup, sample)) {
        expect(output.includes(secret)).toBe(false);
        expect(leaks(output, secret, rule.keywords), `pieces of the ${rule.meta.id} sample in the output`).toEqual([]);
      }
    }
  });
});
