/**
 * Table-driven tests for one taint rule, in the typescript-eslint RuleTester shape: each
 * invalid case must produce a finding of the rule at the sink line; each valid case must
 * produce none of that rule. Shared by rules/<class>.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../model/finding.js";
import { analyzeFiles } from "../analyze-files.js";
import type { CodeOptions } from "../options.js";
import { codeOptionsSchema } from "../options.js";

export interface InvalidCase {
  name: string;
  code: string;
  line: number;
  file?: string;
  options?: Partial<CodeOptions>;
}

export interface ValidCase {
  name: string;
  code: string;
  file?: string;
  options?: Partial<CodeOptions>;
}

export function findingsFor(code: string, file = "sample.ts", options: Partial<CodeOptions> = {}): Finding[] {
  return analyzeFiles([{ path: file, text: code }], codeOptionsSchema.parse(options));
}

export function ruleTable(ruleId: string, cases: { invalid: readonly InvalidCase[]; valid: readonly ValidCase[] }): void {
  describe(ruleId, () => {
    describe("invalid", () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        const findings = findingsFor(c.code, c.file, c.options);
        expect(findings.filter((f) => f.ruleId === ruleId).map((f) => f.location?.startLine)).toContain(c.line);
      });
    });
    describe("valid", () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        const findings = findingsFor(c.code, c.file, c.options);
        expect(findings.filter((f) => f.ruleId === ruleId).map((f) => f.message)).toEqual([]);
      });
    });
  });
}
