/**
 * `custody policy schema` and `custody policy explain`: the policy file's JSON Schema for
 * editors, and the policy in plain words — the accountability statement a team can publish.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CustodyError } from "../model/errors.js";
import { explainPolicy } from "../policy/explain/explain-policy.js";
import { loadPolicy } from "../policy/load/load-policy.js";
import { policyJsonSchemaText } from "../policy/schema/policy-json-schema.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

export const policyCommand: CommandModule = (program, context) => {
  const policy = program
    .command("policy")
    .description("Work with the policy file (.github/custody.yml): its JSON Schema, and what it says in plain words.");

  policy
    .command("schema")
    .description("Write the policy's JSON Schema (for editor validation and completion).")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .addHelpText(
      "after",
      `
The schema describes what a person writes (defaults are optional). It is generated from the
same definition Custody validates with, so it never disagrees with \`custody check\`.

Example:
  $ custody policy schema --output .github/custody.schema.json
  then start .github/custody.yml with: # yaml-language-server: $schema=./custody.schema.json
`,
    )
    .action(async (options: { output?: string }) => {
      const text = policyJsonSchemaText();
      if (options.output === undefined) {
        context.io.stdout(text);
      } else {
        const target = resolve(context.io.cwd, options.output);
        try {
          await writeFile(target, text);
        } catch (error) {
          throw new CustodyError(
            "USAGE",
            `Cannot write the schema to ${options.output} (${(error as NodeJS.ErrnoException).code ?? "unknown error"}).`,
            { cause: error },
          );
        }
        context.io.stderr(`custody: wrote the policy schema to ${options.output}\n`);
      }
      context.setExitCode(EXIT_PASS);
    });

  policy
    .command("explain")
    .description("Print the policy in plain words: who may change what, what needs approval, which trailers are required.")
    .option("-p, --policy <file>", "policy file to explain (default: .github/custody.yml, else the built-in defaults)")
    .addHelpText(
      "after",
      `
The output is Markdown: publish it (CONTRIBUTING.md, an AI-use statement) so contributors and
auditors know the rules agents work under. Without a policy file it explains the defaults.
An invalid policy is reported with its file, line, column and key, exit code 2.

Examples:
  $ custody policy explain
  $ custody policy explain --policy org/custody.yml > docs/ai-policy.md
`,
    )
    .action(async (options: { policy?: string }) => {
      const loaded = await loadPolicy({ repoDir: context.io.cwd, ...(options.policy === undefined ? {} : { path: options.policy }) });
      const source = loaded.source === undefined ? "Custody's default policy (no .github/custody.yml found)" : loaded.source;
      context.io.stdout(`${explainPolicy(loaded.policy)}\n_Source: ${source}._\n`);
      context.setExitCode(EXIT_PASS);
    });
};
