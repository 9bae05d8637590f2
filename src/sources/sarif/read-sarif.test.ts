import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import { readSarif } from "./read-sarif.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

describe("readSarif", () => {
  it("keeps CodeQL's rule ids, locations, security severity and code flows", () => {
    const findings = readSarif(fixture("codeql-js.sarif"), "codeql.sarif");
    expect(findings).toHaveLength(2);
    const [ssrf, log] = findings;
    expect(ssrf).toMatchObject({
      ruleId: "js/request-forgery",
      tool: "CodeQL",
      category: "external",
      severity: "critical",
      location: { path: "src/routes/proxy.js", startLine: 14, startColumn: 9, endColumn: 27 },
    });
    expect(ssrf?.flows?.[0]?.map((step) => step.location.startLine)).toEqual([11, 12, 14]);
    expect(ssrf?.flows?.[0]?.[0]?.message).toBe("req.query.url");
    expect(log?.severity).toBe("medium");
  });

  it("reads Semgrep's output, decoding percent-encoded paths and falling back to the level", () => {
    const [finding] = readSarif(fixture("semgrep.sarif"), "semgrep.sarif");
    expect(finding).toMatchObject({
      ruleId: "javascript.lang.security.detect-child-process.detect-child-process",
      tool: "Semgrep OSS",
      severity: "high",
      location: { path: "scripts/run task.js", startLine: 7, endLine: 7 },
    });
    expect(finding?.flows).toBeUndefined();
  });

  it("gives the same fingerprint on a re-run and different ones for different results", () => {
    const first = readSarif(fixture("codeql-js.sarif"), "a").map((f) => f.fingerprint);
    const second = readSarif(fixture("codeql-js.sarif"), "a").map((f) => f.fingerprint);
    expect(first).toEqual(second);
    expect(new Set(first).size).toBe(2);
  });

  it("resolves message templates through the rule's messageStrings", () => {
    const sarif = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "T", rules: [{ id: "r1", messageStrings: { m: { text: "Value {0} flows to {1}." } } }] } },
          results: [
            {
              ruleId: "r1",
              message: { id: "m", arguments: ["x", "eval"] },
              locations: [{ physicalLocation: { artifactLocation: { uri: "a.js" } } }],
            },
          ],
        },
      ],
    };
    expect(readSarif(JSON.stringify(sarif), "t.sarif")[0]?.message).toBe("Value x flows to eval.");
  });

  it.each([
    ["not JSON", "{ runs: ", /not valid JSON/],
    ["wrong version", JSON.stringify({ version: "2.0.0", runs: [] }), /not a SARIF 2\.1\.0 log.*version/],
    [
      "results of the wrong type",
      JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: {} }] }),
      /runs\.0\.results/,
    ],
  ])("rejects %s with SARIF_INVALID naming the file", (_name, text, message) => {
    let caught: unknown;
    try {
      readSarif(text, "scan.sarif");
    } catch (error) {
      caught = error;
    }
    expect(isCustodyError(caught, "SARIF_INVALID")).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain("scan.sarif");
  });
});
