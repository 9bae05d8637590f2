/**
 * `custody audit` refuses what it cannot judge truthfully: a shallow clone (whose grafted root
 * would be blamed for the whole tree) and a --since after --until (an empty window read as "no
 * agent activity"). Both are one line and exit 2.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturedIO } from "../../src/cli/cli-io.js";
import { run } from "../../src/cli/main.js";
import type { GitScenario } from "../fixtures/git-scenario.js";
import { createGitScenario } from "../fixtures/git-scenario.js";

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };

let repo: GitScenario;

beforeEach(() => {
  repo = createGitScenario();
  repo.write("a.txt", "1\n");
  repo.commit("One");
  repo.write("b.txt", "2\n");
  repo.commit("Two");
  repo.write("c.txt", "3\n");
  repo.commit("Agent three", { author: COPILOT });
});

afterEach(() => {
  repo.dispose();
});

describe("custody audit", () => {
  it("refuses a shallow clone instead of blaming its grafted root on an agent", async () => {
    const shallow = join(mkdtempSync(join(tmpdir(), "custody-shallow-audit-")), "clone");
    repo.git("clone", "-q", "--depth", "1", `file://${repo.dir}`, shallow);
    const io = capturedIO({ cwd: shallow });
    try {
      expect(await run(["audit"], io)).toBe(2);
      expect(io.err()).toMatch(/^custody: .*shallow.*(fetch-depth: 0|--unshallow).*\n$/s);
      expect(io.out()).toBe("");
    } finally {
      rmSync(dirname(shallow), { recursive: true, force: true });
    }
  });

  it("refuses --since after --until", async () => {
    const io = capturedIO({ cwd: repo.dir });
    expect(await run(["audit", "--since", "2025-02-01", "--until", "2025-01-01"], io)).toBe(2);
    expect(io.err()).toBe("custody: --since 2025-02-01 is after --until 2025-01-01: the window is empty. Swap them.\n");
  });
});
