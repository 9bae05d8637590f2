import { describe, expect, it } from "vitest";
import { findingsFor } from "../__fixtures__/rule-test-table.js";
import { codeOptionsSchema } from "../options.js";

const wrapper =
  "import { runQuery } from '@acme/db';\napp.get('/u', async (req, res) => {\n  res.json(await runQuery('SELECT * FROM t WHERE id = ' + req.query.id));\n});";

describe("detectors.code.models (policy models)", () => {
  it("a sink row for the project's own wrapper finds the flow", () => {
    const options = codeOptionsSchema.parse({
      models: [{ package: "@acme/db", kind: "sink", path: "Member[runQuery].Argument[0]", class: "sql-injection" }],
    });
    expect(
      findingsFor(wrapper, "sample.ts", options)
        .filter((f) => f.ruleId === "taint/sql-injection")
        .map((f) => f.location?.startLine),
    ).toEqual([3]);
  });

  it("without the row the wrapper is unknown and nothing is reported", () => {
    expect(findingsFor(wrapper).filter((f) => f.ruleId === "taint/sql-injection")).toEqual([]);
  });

  it("a sanitizer row cleans what passes through the project's own escaper", () => {
    const code = "import { clean } from './html';\napp.get('/x', (req, res) => {\n  res.send('<p>' + clean(req.query.q) + '</p>');\n});";
    expect(findingsFor(code).filter((f) => f.ruleId === "taint/xss")).toHaveLength(1);
    // Relative imports resolve to files; a package-style row names the module as imported.
    const withPackage = code.replace("'./html'", "'@acme/html'");
    const options = codeOptionsSchema.parse({
      models: [{ package: "@acme/html", kind: "sanitizer", path: "Member[clean].ReturnValue", clears: ["xss"] }],
    });
    expect(findingsFor(withPackage, "sample.ts", options).filter((f) => f.ruleId === "taint/xss")).toEqual([]);
  });

  it.each([
    [{ package: "x", kind: "sink", path: "Member[run].Argument[0]" }, "class", /needs the class/],
    [{ package: "x", kind: "sink", path: "Member[run].Arg[0]", class: "xss" }, "path", /"Arg\[0\]" is not a path token/],
    [{ package: "x", kind: "source", path: "Member[run].Argument[0]" }, "path", /ends in Member/],
    [{ package: "x", kind: "sink", path: "Member[run].Argument[0]", class: "xss", receivers: ["a.b"] }, "receivers", /identifier/],
  ])("rejects %o at models.0.%s", (row, key, message) => {
    const result = codeOptionsSchema.safeParse({ models: [row] });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path.join(".")).toContain(`models.0.${key}`);
    expect(issue?.message).toMatch(message);
  });
});
