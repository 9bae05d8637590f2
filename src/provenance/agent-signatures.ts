/**
 * The built-in agent signatures: the traces each AI coding agent, AI review bot and maintenance
 * bot really leaves in git and on GitHub. Data only — the classifier reads it, a policy extends it
 * (by id) or adds to it, and `__fixtures__/signature-samples.ts` holds a real-looking commit for
 * each entry that the meta-test classifies.
 *
 * Where the values come from: the identities the agents write into commits and pull requests
 * (`copilot-swe-agent[bot]` with `198982749+Copilot@users.noreply.github.com`, Claude Code's
 * `Co-Authored-By: Claude <noreply@anthropic.com>` and footer, aider's `(aider)` author-name
 * suffix and `aider@aider.chat` co-author, OpenHands' `openhands@all-hands.dev` identity and
 * `openhands-fix-issue-N` branches, Jules' and Devin's PR footers, Codex's task links). Numeric
 * account ids are the GitHub user ids of the bot accounts — the number in their no-reply emails.
 *
 * Invariants: ids are unique kebab-case; every string matches case-insensitively; an entry
 * starting with `*` is a suffix; nothing here is a RegExp. A login that a person could register
 * (`claude`, id 81847, is a human's account) is never listed — only `[bot]` logins and the
 * `Copilot` bot account, which also has its account id so a rename cannot inherit it.
 */
import type { AgentSignature } from "../model/agent-signature.js";

/** Trailer keys whose value names a co-author or a tool, when a signature sets none. */
export const DEFAULT_TRAILER_KEYS = [
  "Co-authored-by",
  "Assisted-by",
  "Generated-by",
  "Signed-off-by",
  // Disclosure trailers that name the tool (and often its model): `Coding-Agent: codex`,
  // `Made-with: Cursor`, `AI-Assisted: Claude Code`, `Generated-with: …`.
  "Coding-Agent",
  "Made-with",
  "Generated-with",
  "AI-Assisted",
  "AI-Assisted-by",
  "AI-Agent",
  "Co-developed-by-AI",
] as const;

/** Disclosure keys whose value may name no known tool and still says an agent took part
 * (`AI-Assisted: yes`, `Coding-Agent: in-house-bot`): such a commit is agent work of an
 * unidentified agent, unless the value says no. */
export const GENERIC_DISCLOSURE_KEYS = ["Coding-Agent", "AI-Assisted", "AI-Agent"] as const;

export const BUILTIN_SIGNATURES: readonly AgentSignature[] = [
  // ---- AI coding agents -------------------------------------------------------------------
  {
    id: "github-copilot",
    name: "GitHub Copilot coding agent",
    kind: "agent",
    names: ["copilot-swe-agent[bot]", "Copilot", "GitHub Copilot"],
    // The coding agent commits as `copilot-swe-agent[bot]` with the `Copilot` bot account's
    // no-reply address; the `+` anchors the suffix so `123+NotCopilot@…` does not match.
    // Exact ids, not `*+Copilot@…`: 175728472+Copilot is the code-review bot, whose applied
    // suggestions are the reviewer's (basis `suggestion`), not the coding agent's.
    emails: ["198982749+Copilot@users.noreply.github.com", "223556219+Copilot@users.noreply.github.com", "copilot@github.com"],
    logins: ["Copilot", "copilot-swe-agent[bot]"],
    accountIds: [198982749],
    markers: ["<!-- START COPILOT CODING AGENT"],
    sessionTrailers: ["Copilot-Session", "Agent-Logs-Url"],
    footers: ["Generated with [GitHub Copilot]", "For more details, open the [Copilot Workspace session]"],
    branchPrefixes: ["copilot/"],
    sources: [
      "https://docs.github.com/en/copilot/how-tos/copilot-on-github/use-copilot-agents/review-copilot-output",
      "https://www.skills.sh/github/gh-aw/github-copilot-agent-tips-and-tricks",
      "https://github.com/gui-cs/Terminal.Gui/commit/cb8aec7de9",
      "https://github.com/dotnet/ClangSharp/commit/4774489991",
      "https://github.com/open-telemetry/opentelemetry-rust/commit/92557b4334",
      "https://github.com/eventflow/EventFlow/commit/d472a8b5b2",
      "https://github.com/Doenet/DoenetML/pull/1305",
    ],
  },
  {
    id: "claude-code",
    name: "Claude Code",
    kind: "agent",
    // `Claude` alone is also a person's name: a name match without the email stays weak.
    names: ["Claude", "Claude Code", "claude[bot]", "claude-code-action[bot]", "anthropic-claude[bot]"],
    emails: [
      "noreply@anthropic.com",
      "*+claude[bot]@users.noreply.github.com",
      "*+claude-code-action[bot]@users.noreply.github.com",
      "*+anthropic-claude[bot]@users.noreply.github.com",
    ],
    logins: ["claude[bot]", "claude-code-action[bot]", "anthropic-claude[bot]"],
    accountIds: [209825114, 208546643, 215619710],
    // Old and new footer URLs both occur in the wild.
    markers: ["Generated with [Claude Code]", "claude.ai/code", "claude.com/claude-code"],
    sessionTrailers: ["Claude-Session"],
    footers: ["Generated with [Claude Code]", "Generated with Claude Code", "https://claude.ai/code/session_"],
    branchPrefixes: ["claude/"],
    sources: [
      "https://docs.rs/claude-code-settings/0.1.0/claude_code_settings/struct.Attribution.html",
      "https://github.com/anthropics/claude-code/issues/14241",
      "https://github.com/anthropics/claude-code/issues/29999",
      "https://github.com/depot/cli/commit/ae92fafd88",
      "https://github.com/SciML/ModelingToolkit.jl/commit/2c1ee5cac8",
      "https://github.com/SenteLabsAI/OpenExecutive/commit/01f24f2d06",
    ],
  },
  {
    id: "openai-codex",
    name: "OpenAI Codex",
    kind: "agent",
    // The display name drifts with the model (`Codex`, `GPT 5.4`, …); the email is stable.
    names: ["chatgpt-codex-connector[bot]", "openai-codex[bot]", "Codex", "OpenAI Codex", "Codex CLI"],
    emails: [
      "codex@openai.com",
      "noreply@openai.com",
      "*+chatgpt-codex-connector[bot]@users.noreply.github.com",
      "*+openai-codex[bot]@users.noreply.github.com",
      "267193182+codex@users.noreply.github.com",
    ],
    logins: ["chatgpt-codex-connector[bot]", "openai-codex[bot]"],
    accountIds: [199175422, 215057067],
    // Codex cloud opens the PR from the delegating human's account and links the task.
    markers: ["chatgpt.com/codex/tasks/"],
    branchPrefixes: ["codex/"],
    labels: ["codex"],
    sources: [
      "https://github.com/openai/codex/pull/11617",
      "https://github.com/openai/codex/issues/19799",
      "https://github.com/petsc/petsc/commit/c67fa7d6d5",
      "https://github.com/i365dev/free4chat/commit/9ba12b99b6",
    ],
  },
  {
    id: "devin",
    name: "Devin",
    kind: "agent",
    // `Devin` is a common first name: only the bot identity and the email decide.
    names: ["devin-ai-integration[bot]", "Devin AI", "Devin"],
    emails: [
      "*+devin-ai-integration[bot]@users.noreply.github.com",
      "devin-ai-integration[bot]@users.noreply.github.com",
      "devin@cognition.ai",
    ],
    logins: ["devin-ai-integration[bot]"],
    accountIds: [158243242],
    markers: ["app.devin.ai/sessions/", "app.devin.ai/review/", "Link to Devin run", "Generated with [Devin]"],
    branchPrefixes: ["devin/"],
    sources: ["https://github.com/feast-dev/feast/commit/99f4004764", "https://github.com/vellum-ai/vellum-assistant/pull/6718"],
  },
  {
    id: "google-jules",
    name: "Google Jules",
    kind: "agent",
    names: ["google-labs-jules[bot]", "Jules", "Google Jules", "Google Labs Jules"],
    emails: ["*+google-labs-jules[bot]@users.noreply.github.com", "google-labs-jules[bot]@users.noreply.github.com", "jules@google.com"],
    logins: ["google-labs-jules[bot]"],
    accountIds: [161369871],
    // Jules often opens the PR from the human's account; its footer names the task.
    markers: ["PR created automatically by Jules", "jules.google.com/task/"],
    sources: ["https://github.com/pksunkara/cargo-workspaces/commit/17b5467d51"],
  },
  {
    id: "cursor",
    name: "Cursor Agent",
    kind: "agent",
    names: ["Cursor Agent", "cursoragent[bot]", "Cursor"],
    emails: ["cursoragent@cursor.com", "*+cursoragent[bot]@users.noreply.github.com"],
    logins: ["cursoragent[bot]"],
    accountIds: [201670782],
    markers: ["cursor.com/agents", "cursor.com/background-agent", "CURSOR_AGENT_PR_BODY_BEGIN"],
    // `Made-with: Cursor` is read as a disclosure trailer naming the tool; this is its footer form.
    footers: ["Made with [Cursor]"],
    branchPrefixes: ["cursor/"],
    sources: [
      "https://github.com/storybookjs/storybook/commit/7fe9e88a55",
      "https://github.com/terryyin/lizard/commit/f5172b1521",
      "https://github.com/MetaMask/skills/commit/1193e1e24e",
      "https://github.com/getsentry/sentry-docs/pull/16597",
      "https://github.com/libkrun/libkrun/pull/792",
    ],
  },
  {
    id: "aider",
    name: "Aider",
    kind: "agent",
    // aider appends ` (aider)` to the human's author and committer names, or adds
    // `Co-authored-by: aider (<model>) <aider@aider.chat>` (older versions: noreply@aider.chat).
    names: ["* (aider)", "aider"],
    emails: ["aider@aider.chat", "noreply@aider.chat"],
    // Before the `(aider)` name suffix and the co-author trailer, aider prefixed its commit
    // subjects (`--attribute-commit-message-author`).
    subjectPrefixes: ["aider: "],
    sources: [
      "https://aider.chat/docs/git.html",
      "https://aider.chat/docs/config/options.html",
      "https://github.com/dckc/awesome-ocap/commit/cf51393916",
      "https://github.com/iporaveparaguay/iporave-sistema/commit/a2275d40a1",
    ],
  },
  {
    id: "amazon-q-developer",
    name: "Amazon Q Developer",
    kind: "agent",
    names: ["amazon-q-developer[bot]", "Amazon Q Developer", "Amazon Q"],
    emails: ["*+amazon-q-developer[bot]@users.noreply.github.com"],
    logins: ["amazon-q-developer[bot]"],
    accountIds: [208079219],
    labels: ["Amazon Q development agent"],
  },
  {
    id: "gemini-cli",
    name: "Gemini CLI",
    kind: "agent",
    // The run-gemini-cli GitHub Action commits as `gemini-cli[bot]`, often with the id-less
    // no-reply address; `gemini-cli@google.com` is Gemini CLI's own checkpoint identity.
    names: ["gemini-cli[bot]", "Gemini CLI", "Gemini"],
    emails: ["gemini-cli[bot]@users.noreply.github.com", "*+gemini-cli[bot]@users.noreply.github.com", "gemini-cli@google.com"],
    logins: ["gemini-cli[bot]"],
  },
  {
    id: "openhands",
    name: "OpenHands",
    kind: "agent",
    names: ["openhands", "openhands-agent", "OpenHands"],
    emails: ["openhands@all-hands.dev"],
    logins: ["openhands-agent"],
    markers: ["Automatic fix generated by [OpenHands]"],
    branchPrefixes: ["openhands-fix-issue-", "openhands/"],
    labels: ["fix-me"],
    sources: ["https://github.com/animetubeonlinebr-star/backing-track-generator/commit/d38c56e2ba"],
  },
  {
    id: "amp",
    name: "Amp",
    kind: "agent",
    names: ["Amp"],
    emails: ["amp@ampcode.com"],
    sessionTrailers: ["Amp-Thread-ID", "Amp-Thread"],
    footers: ["Generated with [Amp]"],
    markers: ["ampcode.com/threads/"],
    sources: ["https://github.com/yjsoon/howmuch/commit/785d468af0"],
  },
  {
    id: "factory-droid",
    name: "Factory Droid",
    kind: "agent",
    names: ["factory-droid[bot]", "Droid"],
    emails: ["droid@factory.ai", "*+factory-droid[bot]@users.noreply.github.com"],
    logins: ["factory-droid[bot]"],
    accountIds: [138933559],
    sources: ["https://github.com/drawmeanelephant/boris/pull/1013"],
  },
  {
    id: "opencode",
    name: "OpenCode",
    kind: "agent",
    names: ["opencode", "OpenCode"],
    emails: ["noreply@opencode.ai"],
    footers: ["Generated with [OpenCode]", "Generated with [opencode]"],
    sources: ["https://github.com/RedHatProductSecurity/ai-guardian/commit/b62884bcb6", "https://github.com/umputun/ralphex/issues/240"],
  },
  {
    id: "kiro",
    name: "Kiro",
    kind: "agent",
    names: ["Kiro", "kiro-agent"],
    emails: ["noreply@kiro.dev", "*+kiro-agent@users.noreply.github.com"],
    sources: ["https://github.com/ryancormack/strands-acp/commit/6c58a8dadd"],
  },
  // The next entries are identities seen in public commits (corpora of agent trailers); no
  // primary documentation was found for them, so they carry no source URL.
  {
    id: "windsurf",
    name: "Windsurf Cascade",
    kind: "agent",
    names: ["Windsurf Cascade", "Cascade", "Cascade AI"],
    emails: ["cascade@windsurf.ai", "cascade@windsurf.com", "noreply@codeium.com", "noreply@windsurf.com"],
  },
  {
    id: "tabnine",
    name: "Tabnine",
    kind: "agent",
    names: ["Tabnine CLI", "Tabnine Agent", "Tabnine"],
    emails: ["noreply@tabnine.com"],
  },
  {
    id: "continue",
    name: "Continue",
    kind: "agent",
    // `Continue` is an English word: the name alone stays weak; the email decides.
    names: ["Continue"],
    emails: ["noreply@continue.dev"],
  },
  {
    id: "qwen-code",
    name: "Qwen Code",
    kind: "agent",
    names: ["Qwen-Coder", "Qwen Code"],
    emails: ["qwen-coder@alibabacloud.com"],
  },
  {
    id: "trae",
    name: "TRAE",
    kind: "agent",
    names: ["TRAE CLI", "Trae AI"],
    emails: ["traecli@bytedance.com", "trae@bytedance.com"],
  },
  {
    id: "crush",
    name: "Crush",
    kind: "agent",
    names: ["Crush"],
    emails: ["crush@charm.land"],
  },
  {
    id: "replit-agent",
    name: "Replit Agent",
    kind: "agent",
    names: ["Replit Agent"],
    emails: ["agent@replit.com"],
  },
  {
    id: "sweep",
    name: "Sweep",
    kind: "agent",
    names: ["sweep-ai[bot]"],
    emails: ["*+sweep-ai[bot]@users.noreply.github.com"],
    logins: ["sweep-ai[bot]"],
    branchPrefixes: ["sweep/"],
    sources: ["https://github.com/sweepai/sweep/issues/1352"],
  },

  // ---- AI review bots: reviewers, never authors, never part of a human quorum ---------------
  {
    id: "copilot-code-review",
    name: "Copilot code review",
    kind: "ai-reviewer",
    // 175728472+Copilot is the address GitHub writes on an applied Copilot review suggestion;
    // Copilot Autofix (code scanning) writes its own name.
    names: ["copilot-pull-request-reviewer[bot]", "Copilot Autofix powered by AI"],
    emails: ["*+copilot-pull-request-reviewer[bot]@users.noreply.github.com", "175728472+Copilot@users.noreply.github.com"],
    logins: ["copilot-pull-request-reviewer[bot]"],
    accountIds: [175728472],
    sources: ["https://github.com/sanity-io/sanity/commit/160cd9d3c8", "https://github.com/apache/arrow/commit/43751939f2"],
  },
  {
    id: "coderabbit",
    name: "CodeRabbit",
    kind: "ai-reviewer",
    names: ["coderabbitai[bot]"],
    emails: ["*+coderabbitai[bot]@users.noreply.github.com"],
    logins: ["coderabbitai[bot]"],
    accountIds: [136622811],
  },
  {
    id: "gemini-code-assist",
    name: "Gemini Code Assist",
    kind: "ai-reviewer",
    names: ["gemini-code-assist[bot]"],
    sources: ["https://github.com/firebase/firebase-ios-sdk/commit/8f858bd6cb"],
    emails: ["*+gemini-code-assist[bot]@users.noreply.github.com"],
    logins: ["gemini-code-assist[bot]"],
    accountIds: [176961590],
  },
  {
    id: "cursor-bugbot",
    name: "Cursor Bugbot",
    kind: "ai-reviewer",
    names: ["cursor[bot]"],
    emails: ["*+cursor[bot]@users.noreply.github.com"],
    logins: ["cursor[bot]"],
    accountIds: [206951365],
  },

  // ---- Maintenance bots: automation, not agents -------------------------------------------
  {
    id: "dependabot",
    name: "Dependabot",
    kind: "maintenance-bot",
    names: ["dependabot[bot]", "dependabot-preview[bot]"],
    emails: ["*+dependabot[bot]@users.noreply.github.com", "support@dependabot.com"],
    logins: ["dependabot[bot]", "dependabot-preview[bot]"],
    accountIds: [49699333],
    branchPrefixes: ["dependabot/"],
  },
  {
    id: "renovate",
    name: "Renovate",
    kind: "maintenance-bot",
    names: ["renovate[bot]"],
    emails: ["*+renovate[bot]@users.noreply.github.com", "bot@renovateapp.com"],
    logins: ["renovate[bot]"],
    accountIds: [29139614],
    branchPrefixes: ["renovate/"],
  },
  {
    id: "github-actions",
    name: "GitHub Actions",
    kind: "maintenance-bot",
    names: ["github-actions[bot]"],
    emails: ["*+github-actions[bot]@users.noreply.github.com", "github-actions[bot]@users.noreply.github.com"],
    logins: ["github-actions[bot]"],
    accountIds: [41898282],
  },
] satisfies readonly AgentSignature[];
