/**
 * `custody advisories update`: downloads OSV's advisory exports for offline checks into the
 * cache directory the deps detector reads by default (detectors.deps.advisories.cache_dir).
 * Exit 0 when every export was fetched and read, 2 when one could not be (the cached copy of
 * that ecosystem is left as it was).
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { updateAdvisories, OSV_EXPORT_URL } from "../detect/deps/advisories/update-advisories.js";
import { DEFAULT_ADVISORY_CACHE } from "../detect/deps/options.js";
import { ECOSYSTEMS, type Ecosystem } from "../detect/deps/package.js";
import { CustodyError } from "../model/errors.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

function parseEcosystems(value: string): Ecosystem[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const unknown = names.filter((name) => !(ECOSYSTEMS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new CustodyError("USAGE", `--ecosystem ${value}: expected a comma-separated list of ${ECOSYSTEMS.join(", ")}.`);
  }
  return names as Ecosystem[];
}

export const advisoriesCommand: CommandModule = (program: Command, context) => {
  const advisories = program
    .command("advisories")
    .description("Manage the offline copy of OSV advisories the dependency review checks against.");
  advisories
    .command("update")
    .description("Download OSV's per-ecosystem advisory exports into the cache directory, for offline CI.")
    .option("--dir <path>", "cache directory (relative to the current directory)", DEFAULT_ADVISORY_CACHE)
    .option("--ecosystem <list>", "comma-separated ecosystems", ECOSYSTEMS.join(","))
    .option("--url <url>", "where the exports are served", OSV_EXPORT_URL)
    .addHelpText(
      "after",
      `
The deps detector reads this directory when detectors.deps.advisories.source is auto (the default)
and no advisories.path is set; the report names the newest record's date.

Examples:
  custody advisories update
  custody advisories update --ecosystem npm,PyPI --dir .custody/advisories`,
    )
    .action(async (options: { dir: string; ecosystem: string; url: string }) => {
      const ecosystems = parseEcosystems(options.ecosystem);
      const update = await updateAdvisories(resolve(context.io.cwd, options.dir), ecosystems, options.url);
      for (const item of update.exports) {
        context.io.stdout(
          `${item.ecosystem}: ${item.records.toLocaleString("en-US")} advisories (${(item.bytes / 1024 / 1024).toFixed(1)} MB) → ${options.dir}/${item.file}\n`,
        );
      }
      context.io.stdout(`Updated ${options.dir} from ${update.source} at ${update.updated}.\n`);
      context.setExitCode(EXIT_PASS);
    });
};
