/**
 * `custody demo`: builds a small demo repository where people and AI agents have committed
 * (src/demo/generate-demo-repo.ts) and audits it, so a first-time user sees what Custody reports
 * without pointing it at their own code. Refuses to write into a non-empty directory.
 */
import { readdir } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { generateDemoRepo } from "../demo/generate-demo-repo.js";
import { CustodyError } from "../model/errors.js";
import { auditRepository } from "../engine/audit-repository.js";
import { renderAudit } from "./audit.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return true;
    }
    if (code === "ENOTDIR") {
      return false;
    }
    throw error;
  }
}

export const demoCommand: CommandModule = (program: Command, context) => {
  program
    .command("demo")
    .description("Build a small demo repository with human and AI-agent commits, and audit it.")
    .argument("[dir]", "where to create the demo repository (must be empty or absent)", "./demo-repo")
    .addHelpText(
      "after",
      `
The demo repository is a billing service with commits by people, the Copilot coding agent,
Claude Code (as co-author), OpenAI Codex, Devin and Dependabot, and a policy in
.github/custody.yml. Dates and identities are fixed, so every run builds the same commits.

Examples:
  custody demo                 # creates ./demo-repo and prints the audit
  custody demo /tmp/custody-demo
  npm run demo                 # the same, from a checkout of Custody
`,
    )
    .action(async (dir: string) => {
      const { io } = context;
      const target = resolve(io.cwd, dir);
      if (!(await isEmptyOrMissing(target))) {
        throw new CustodyError(
          "USAGE",
          `${target} already exists and is not empty. custody demo creates a new repository: pass an empty or new directory, or remove this one.`,
        );
      }
      await generateDemoRepo(target);
      const inside = relative(io.cwd, target);
      const shown = inside === "" ? "." : inside.startsWith("..") ? target : inside;
      io.stdout(`Created a demo repository in ${shown}.\n\n`);
      const report = await auditRepository({ dir: target });
      io.stdout(renderAudit(report, "text", io));
      io.stdout(
        `\nNext (from this checkout, "npx custody" runs Custody):\n  npx custody audit ${shown} --format json     # the same audit, machine-readable\n  npx custody audit ${shown} --secrets         # and every secret its history added\n  git -C ${shown} log --format='%h %an: %s'   # the history it read\n`,
      );
      context.setExitCode(EXIT_PASS);
    });
};
