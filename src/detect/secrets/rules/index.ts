/**
 * The one table of secrets rules. Every rule of every provider family is registered here, in
 * order, and nowhere else; the meta-test (rules.test.ts) loops over this table.
 */
import type { SecretRule } from "../secret-rule.js";
import { AGENT_PLATFORM_RULES } from "./agent-platforms.js";
import { AI_AND_DATA_RULES } from "./ai-and-data.js";
import { CHAT_AND_SOCIAL_RULES } from "./chat-and-social.js";
import { CLOUD_RULES } from "./cloud-providers.js";
import { CODE_HOSTING_RULES } from "./code-hosting.js";
import { COMMAND_LINE_RULES } from "./command-lines.js";
import { DATABASE_URL_RULES } from "./database-urls.js";
import { DEVELOPER_PLATFORM_RULES } from "./developer-platforms.js";
import { GENERIC_RULES } from "./generic-assignments.js";
import { GITLEAKS_PORTED_RULES } from "./gitleaks-port.js";
import { KEYS_AND_TOKENS_RULES } from "./keys-and-tokens.js";
import { MANIFEST_AND_KEY_FILE_RULES } from "./manifests-and-key-files.js";
import { MESSAGING_AND_EMAIL_RULES } from "./messaging-and-email.js";
import { PAYMENTS_AND_COMMERCE_RULES } from "./payments-and-commerce.js";

export const SECRET_RULES = [
  ...CLOUD_RULES,
  ...CODE_HOSTING_RULES,
  ...CHAT_AND_SOCIAL_RULES,
  ...PAYMENTS_AND_COMMERCE_RULES,
  ...MESSAGING_AND_EMAIL_RULES,
  ...AI_AND_DATA_RULES,
  ...AGENT_PLATFORM_RULES,
  ...DEVELOPER_PLATFORM_RULES,
  ...KEYS_AND_TOKENS_RULES,
  ...MANIFEST_AND_KEY_FILE_RULES,
  ...DATABASE_URL_RULES,
  ...COMMAND_LINE_RULES,
  ...GITLEAKS_PORTED_RULES,
  ...GENERIC_RULES,
] as const satisfies readonly SecretRule[];
