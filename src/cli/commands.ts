/**
 * Every CLI command, registered in one table: its name and how to load it. Order is the order
 * `--help` lists them. Modules load lazily — `custody check` loads only the check command and
 * what it imports, not the server, the ledger or PostgreSQL's client — because start-up time
 * is paid on every CI run and every git hook.
 */
import type { CommandModule } from "./command.js";

export interface CommandEntry {
  name: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "check", load: async () => (await import("./check.js")).checkCommand },
  { name: "audit", load: async () => (await import("./audit.js")).auditCommand },
  { name: "secrets", load: async () => (await import("./secrets.js")).secretsCommand },
  { name: "init", load: async () => (await import("./init.js")).initCommand },
  { name: "policy", load: async () => (await import("./policy.js")).policyCommand },
  { name: "hook", load: async () => (await import("./hook.js")).hookCommand },
  { name: "serve", load: async () => (await import("./serve.js")).serveCommand },
  { name: "ingest", load: async () => (await import("./ingest.js")).ingestCommand },
  { name: "verify", load: async () => (await import("./verify.js")).verifyCommand },
  { name: "proof", load: async () => (await import("./proof.js")).proofCommand },
  { name: "ledger", load: async () => (await import("./ledger.js")).ledgerCommand },
  { name: "advisories", load: async () => (await import("./advisories.js")).advisoriesCommand },
  { name: "demo", load: async () => (await import("./demo.js")).demoCommand },
];

/** The command modules an invocation needs: the one it names, or all (for help and typos). */
export async function loadCommands(argv: readonly string[], entries: readonly CommandEntry[] = COMMANDS): Promise<CommandModule[]> {
  const first = argv.find((arg) => !arg.startsWith("-"));
  const named = entries.find((entry) => entry.name === first);
  return Promise.all((named ? [named] : entries).map((entry) => entry.load()));
}
