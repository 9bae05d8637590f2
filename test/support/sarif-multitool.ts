/**
 * Runs Microsoft's SARIF Multitool (the linux binary from @microsoft/sarif-multitool-linux)
 * as `validate --rule-kind "Gh;Sarif" FILE`: the SARIF schema plus GitHub code scanning's
 * ingestion rules. Returns the error lines it printed (warnings are advice, not failures).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function multitoolPath(): string {
  return join(dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json")), "Sarif.Multitool");
}

export function validateSarif(sarif: string): { errors: string[]; output: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "custody-sarif-"));
  const file = join(dir, "result.sarif");
  writeFileSync(file, sarif);
  const result = spawnSync(multitoolPath(), ["validate", "--rule-kind", "Gh;Sarif", file], {
    encoding: "utf8",
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" },
  });
  const output = `${result.stdout}${result.stderr}`;
  const errors = output.split("\n").filter((line) => /: error /i.test(line) || /^error/i.test(line));
  return { errors, output, status: result.status };
}
