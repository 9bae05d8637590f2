/**
 * `custody blame PATH…`: each line of a file attributed to a person or an agent (which one, the
 * commit, the basis), from git blame plus the commit's attribution, refined by git-ai notes
 * where they exist; for directories, the agent share per file and per directory. This file
 * parses options, calls the engine (src/engine/blame-repository.ts) and renders.
 */
import path from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { blameWithPolicy } from "../engine/blame-repository.js";
import { CustodyError } from "../model/errors.js";
import { renderBlameJson, renderBlameText } from "../report/blame-text.js";
import { openRepository } from "../sources/git/repository.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

interface BlameCliOptions {
  repo: string;
  rev: string;
  policy?: string;
  fetchNotes?: boolean;
  format: "text" | "json";
}

export const blameCommand: CommandModule = (program: Command, context) => {
  program
    .command("blame")
    .description(
      "Who wrote each line: a person or an agent (which one, the commit, the basis), from git blame and commit attribution, refined by git-ai notes.",
    )
    .argument("<paths...>", "files or directories, relative to the current directory")
    .option("--repo <dir>", "the git repository", ".")
    .option("--rev <rev>", "the revision to blame", "HEAD")
    .option("--policy <file>", "the policy file (default: .github/custody.yml in the repository, else built-in defaults)")
    .option("--fetch-notes", "first fetch refs/notes/* from origin (git-ai's refs/notes/ai is not fetched by a clone)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `
A line is as attributed as the commit git blame names for it (the commit classified as
\`custody audit\` classifies it, including platform merges of agent-named branches). Where the
commit carries a git-ai authorship note (refs/notes/ai, authorship/3.0.0), the note decides per
line: inside an AI session's range it is that agent's (basis notes), outside it the person's.
For one file every line is listed; for several or a directory, the agent share of lines per file
and per directory.

Examples:
  custody blame src/server/app.ts
  custody blame src              # agent share per file and directory
  custody blame src/app.ts --format json --fetch-notes
`,
    )
    .action(async (paths: string[], options: BlameCliOptions) => {
      const io = context.io;
      const repo = await openRepository(path.resolve(io.cwd, options.repo));
      const relative = paths.map((given) => {
        const inside = path.relative(repo.dir, path.resolve(io.cwd, given));
        if (inside.startsWith("..") || path.isAbsolute(inside)) {
          throw new CustodyError("USAGE", `${given} is outside the repository ${repo.dir}: pass a path inside it (or --repo).`);
        }
        return inside === "" ? "." : inside.split(path.sep).join("/");
      });
      const report = await blameWithPolicy({
        repo,
        paths: relative,
        rev: options.rev,
        ...(options.policy === undefined ? {} : { policy: path.resolve(io.cwd, options.policy) }),
        ...(options.fetchNotes === true ? { fetchNotes: true } : {}),
      });
      if (report.files.length === 0) {
        throw new CustodyError("USAGE", `No tracked file matches ${paths.join(", ")} at ${options.rev}.`);
      }
      io.stdout(options.format === "json" ? renderBlameJson(report) : renderBlameText(report));
      context.setExitCode(EXIT_PASS);
    });
};
