/**
 * Every CLI command, registered in one table. Order is the order `--help` lists them.
 */
import { auditCommand } from "./audit.js";
import { checkCommand } from "./check.js";
import type { CommandModule } from "./command.js";
import { demoCommand } from "./demo.js";
import { hookCommand } from "./hook.js";
import { ingestCommand } from "./ingest.js";
import { initCommand } from "./init.js";
import { ledgerCommand } from "./ledger.js";
import { policyCommand } from "./policy.js";
import { proofCommand } from "./proof.js";
import { serveCommand } from "./serve.js";
import { verifyCommand } from "./verify.js";

export const COMMANDS: readonly CommandModule[] = [
  checkCommand,
  auditCommand,
  initCommand,
  policyCommand,
  hookCommand,
  serveCommand,
  ingestCommand,
  verifyCommand,
  proofCommand,
  ledgerCommand,
  demoCommand,
];
