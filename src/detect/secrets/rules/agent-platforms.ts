/**
 * Keys of the platforms AI coding agents run on or call, which gitleaks' default config lacks:
 * OpenRouter, Cursor, Devin, Jules, Supabase's new secret keys, Vercel's prefixed tokens, and
 * Google AI Studio (Gemini) keys in a Gemini-named variable. (Anthropic, OpenAI, Hugging Face
 * and Cloudflare have their own rules in ai-and-data.ts and cloud-providers.ts; a Gemini key
 * has the `AIza` shape the gcp-api-key rule already finds anywhere.) A leaked agent key spends
 * the owner's budget and, for Devin/Cursor/Jules, can start agents that push code.
 */
import { ALNUM, BASE64URL, HEX, sampleSecret as s } from "../sample-secret.js";
import { assignedTo } from "../secret-rule.js";
import { defineRule } from "./define-rule.js";

export const AGENT_PLATFORM_RULES = [
  defineRule({
    id: "openrouter-api-key",
    description: "OpenRouter API key (sk-or-v1-): spends the account's credit on any model.",
    severity: "critical",
    keywords: ["sk-or-v1-"],
    regex: /\b(sk-or-v1-[a-f0-9]{64})\b/,
    entropy: 3,
    truePositives: [`OPENROUTER_API_KEY=sk-or-v1-${s(HEX, 64, "or-1")}`],
    falsePositives: [`sk-or-v1-${s(HEX, 40, "or-2")}`], // too short
  }),
  defineRule({
    id: "cursor-api-key",
    description: "Cursor API key (key_/crsr_ prefixed value in a Cursor-named setting): runs background agents and the Admin API.",
    severity: "critical",
    keywords: ["cursor"],
    regex: assignedTo("cursor", "(?:key|crsr)_[A-Za-z0-9]{32,128}"),
    entropy: 3.5,
    truePositives: [`CURSOR_API_KEY=key_${s(HEX, 64, "cur-1")}`, `cursor_token: "crsr_${s(ALNUM, 48, "cur-2")}"`],
    falsePositives: [`cursor_position = key_${s(HEX, 8, "cur-3")}`, "cursor = key_down"],
  }),
  defineRule({
    id: "devin-api-key",
    description: "Devin API key (apk_user_ / apk_ in a Devin-named setting): starts Devin sessions that push to the team's repositories.",
    severity: "critical",
    keywords: ["apk_user_", "devin"],
    regex: /\b(apk_user_[A-Za-z0-9_-]{32,128}|(?<=devin[\w.-]{0,30}[\s'"]{0,3}[:=][\s'"]{0,3})apk_[A-Za-z0-9_-]{32,128})(?![\w-])/i,
    entropy: 3.5,
    truePositives: [`DEVIN_API_KEY=apk_user_${s(BASE64URL, 48, "dev-1")}`, `devin_key: "apk_${s(ALNUM, 40, "dev-2")}"`],
    falsePositives: [`apk_path = "build/outputs/apk_${s(ALNUM, 12, "dev-3")}"`, `apk_user_${s(ALNUM, 10, "dev-4")}`],
  }),
  defineRule({
    id: "jules-api-key",
    description: "Jules (Google) API key in a Jules-named setting: starts Jules tasks on the linked repositories.",
    severity: "critical",
    keywords: ["jules"],
    regex: assignedTo("jules", "AIza[\\w-]{35}|AQ\\.[\\w-]{40,120}|[A-Za-z0-9_-]{39,64}"),
    entropy: 3.5,
    truePositives: [`JULES_API_KEY=AIza${s(BASE64URL, 35, "jul-1")}`, `jules_api_key: "${s(ALNUM, 48, "jul-2")}"`],
    falsePositives: ["jules_api_key: ${{ secrets.JULES_API_KEY }}", `jules_task_id = ${s(HEX, 12, "jul-3")}`],
  }),
  defineRule({
    id: "gemini-api-key",
    description: "Google AI Studio (Gemini) API key in a Gemini/Google-AI-named setting.",
    severity: "critical",
    keywords: ["gemini", "google_ai", "googleai", "google_genai", "genai"],
    regex: assignedTo("gemini|google_?ai|google_genai|genai", "AIza[\\w-]{35}"),
    entropy: 3,
    truePositives: [`GEMINI_API_KEY=AIza${s(BASE64URL, 35, "gem-1")}`, `google_ai_key: "AIza${s(BASE64URL, 35, "gem-2")}"`],
    falsePositives: [`GEMINI_API_KEY=AIza${s(BASE64URL, 20, "gem-3")}`],
  }),
  defineRule({
    id: "supabase-secret-key",
    description: "Supabase secret API key (sb_secret_): bypasses row-level security on the project's database.",
    severity: "critical",
    keywords: ["sb_secret_"],
    regex: /\b(sb_secret_[A-Za-z0-9_-]{31,64})(?![\w-])/,
    entropy: 3.5,
    truePositives: [`SUPABASE_SECRET_KEY=sb_secret_${s(BASE64URL, 40, "sb-1")}`],
    falsePositives: ["sb_secret_key_name = 'x'", `sb_publishable_${s(BASE64URL, 40, "sb-2")}`], // publishable keys are public
  }),
  defineRule({
    id: "vercel-prefixed-token",
    description: "Vercel token with a type prefix (vcp_/vci_/vca_/vcr_/vck_): deploys and reads the team's projects and env vars.",
    severity: "critical",
    keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    regex: /\b(vc[picrk]_[A-Za-z0-9]{56,64})\b/,
    entropy: 3.5,
    truePositives: [`VERCEL_TOKEN=vcp_${s(ALNUM, 60, "vc-1")}`],
    falsePositives: [`vcp_${s(ALNUM, 20, "vc-2")}`],
  }),
];
