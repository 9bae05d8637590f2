/**
 * The conventions the labelled attribution set is built from: for each agent, the commit shapes
 * its documentation or its public commits show, each with where it was seen. Every shape is a
 * small function that returns a commit message and identities; build-set.ts turns them into a
 * real git repository and records each commit's label.
 *
 * Shapes are of three classes, reported separately:
 * - `in-commit`: the evidence sits in the commit (an identity, a trailer anywhere in the body,
 *   the tool's footer, a session trailer, an applied review suggestion);
 * - `branch-only`: the commits carry the human's identity on a branch the agent named, merged by
 *   the platform (Codex cloud, Copilot, Claude Code on the web, Cursor background agents…);
 * - `human`: people's commits, including the look-alikes that must stay human.
 *
 * This is a set built from the same conventions the classifier was taught: a tuned set, not a
 * held-out one. Its value is as a regression net and to compare releases on the same commits.
 */

export interface Person {
  name: string;
  email: string;
}

export type LabelClass = "in-commit" | "branch-only" | "human";

export interface Shape {
  /** The agent the commit is labelled with (undefined for a person's or a bot's commit). */
  agent?: string;
  /** Label when it is not an agent: `human` or `maintenance-bot`. */
  kind: "agent" | "human" | "maintenance-bot";
  cls: LabelClass;
  note: string;
  source: string;
  /** Commit author; the committer is the same unless given. */
  author?: Person;
  committer?: Person;
  message: (n: number) => string;
  /** For branch-only shapes: the branch prefix the agent names its branches with. */
  branch?: string;
  /** How many times the shape occurs (default: 8 commits, or 4 pull requests). */
  times?: number;
}

export const PEOPLE: readonly Person[] = [
  { name: "Ada Lovelace", email: "ada@example.com" },
  { name: "Grace Hopper", email: "grace@example.org" },
  { name: "Claude Dupont", email: "claude.dupont@example.fr" },
  { name: "Devin Smith", email: "devin.smith@example.com" },
  { name: "Jules Martin", email: "jules.martin@example.net" },
];

const COPILOT_BOT: Person = { name: "copilot-swe-agent[bot]", email: "198982749+Copilot@users.noreply.github.com" };
const WEB_FLOW: Person = { name: "GitHub", email: "noreply@github.com" };
const DEVIN_BOT: Person = { name: "devin-ai-integration[bot]", email: "158243242+devin-ai-integration[bot]@users.noreply.github.com" };
const JULES_BOT: Person = { name: "google-labs-jules[bot]", email: "161369871+google-labs-jules[bot]@users.noreply.github.com" };
const DEPENDABOT: Person = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };
const ACTIONS: Person = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" };

const squash = (title: string, n: number, coAuthor: string, tail = ""): string =>
  `${title} (#${String(100 + n)})\n\n* Initial plan\n\n* ${title}\n\n* Address review comments\n\n---------\n\nCo-authored-by: ${coAuthor}\nCo-authored-by: Ada Lovelace <ada@example.com>${tail}\n`;

export const SHAPES: readonly Shape[] = [
  // ---- GitHub Copilot coding agent ---------------------------------------------------------
  {
    agent: "github-copilot",
    kind: "agent",
    cls: "in-commit",
    note: "coding agent commit, web-flow committer",
    source: "https://github.com/gui-cs/Terminal.Gui/commit/cb8aec7de9",
    author: COPILOT_BOT,
    committer: WEB_FLOW,
    message: (n) => `Fix null check in parser ${String(n)}\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n`,
  },
  {
    agent: "github-copilot",
    kind: "agent",
    cls: "in-commit",
    note: "squash of a Copilot PR with a session paragraph after the co-authors",
    source: "https://github.com/open-telemetry/opentelemetry-rust/commit/92557b4334",
    message: (n) =>
      squash(
        "Add retry to exporter",
        n,
        "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
        "\n\nCopilot-Session: 3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b\nAgent-Logs-Url: https://github.com/acme/app/sessions/77",
      ),
  },
  {
    agent: "github-copilot",
    kind: "agent",
    cls: "branch-only",
    note: "commits on a copilot/ branch pushed under the human's name, merged by GitHub",
    source: "https://www.skills.sh/github/gh-aw/github-copilot-agent-tips-and-tricks",
    branch: "copilot/",
    message: (n) => `Update docs for flag ${String(n)}\n`,
  },
  // ---- Claude Code -------------------------------------------------------------------------
  {
    agent: "claude-code",
    kind: "agent",
    cls: "in-commit",
    note: "co-author trailer naming the model, with the footer",
    source: "https://github.com/anthropics/claude-code/issues/14241",
    message: (n) =>
      `Refactor cache layer ${String(n)}\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n`,
  },
  {
    agent: "claude-code",
    kind: "agent",
    cls: "in-commit",
    note: "footer only (co-author turned off in settings)",
    source: "https://github.com/travisjneuman/.claude/commit/06008ca2f8",
    message: (n) => `Add CLI flag ${String(n)}\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n`,
  },
  {
    agent: "claude-code",
    kind: "agent",
    cls: "in-commit",
    note: "Claude Code on the web: session trailer",
    source: "https://github.com/SciML/ModelingToolkit.jl/commit/2c1ee5cac8",
    message: (n) => `Fix flaky test ${String(n)}\n\nClaude-Session: https://claude.ai/code/session_01F5QQ${String(n)}\n`,
  },
  {
    agent: "claude-code",
    kind: "agent",
    cls: "branch-only",
    note: "claude/ branch from Claude Code on the web, merged by GitHub",
    source: "https://github.com/SciML/ModelingToolkit.jl/commit/2c1ee5cac8",
    branch: "claude/",
    message: (n) => `Handle empty config ${String(n)}\n`,
  },
  // ---- OpenAI Codex ------------------------------------------------------------------------
  {
    agent: "openai-codex",
    kind: "agent",
    cls: "in-commit",
    note: "Codex CLI co-author trailer",
    source: "https://github.com/openai/codex/pull/11617",
    message: (n) => `Tighten input validation ${String(n)}\n\nCo-authored-by: Codex <noreply@openai.com>\n`,
  },
  {
    agent: "openai-codex",
    kind: "agent",
    cls: "in-commit",
    note: "a Coding-Agent disclosure with a session id",
    source: "https://github.com/openai/codex/issues/19799",
    message: (n) =>
      `Review notes ${String(n)}\n\nCoding-Agent: codex\nSession-ID: 01a10c19-e77f-7631-b9d5-f26df7a7ff${String(n % 100).padStart(2, "0")}\n`,
  },
  {
    agent: "openai-codex",
    kind: "agent",
    cls: "branch-only",
    note: "Codex cloud: human identity on a codex/ branch, merged by GitHub",
    source: "https://github.com/openai/codex/pull/11617",
    branch: "codex/",
    message: (n) => `Add pagination to list endpoint ${String(n)}\n`,
  },
  // ---- Cursor ------------------------------------------------------------------------------
  {
    agent: "cursor",
    kind: "agent",
    cls: "in-commit",
    note: "Cursor's co-author address",
    source: "https://github.com/storybookjs/storybook/commit/7fe9e88a55",
    message: (n) => `Fix story sorting ${String(n)}\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n`,
  },
  {
    agent: "cursor",
    kind: "agent",
    cls: "in-commit",
    note: "Made-with trailer",
    source: "https://github.com/terryyin/lizard/commit/f5172b1521",
    message: (n) => `Count nested functions ${String(n)}\n\nMade-with: Cursor\n`,
  },
  {
    agent: "cursor",
    kind: "agent",
    cls: "branch-only",
    note: "background agent branch cursor/…",
    source: "https://github.com/mattermost/mattermost/pull/36493",
    branch: "cursor/",
    message: (n) => `Add co-author hook ${String(n)}\n`,
  },
  // ---- Devin, Jules, aider, OpenHands, Amp, Factory, OpenCode, Gemini, Windsurf… -------------
  {
    agent: "devin",
    kind: "agent",
    cls: "in-commit",
    note: "Devin's app identity",
    source: "https://github.com/feast-dev/feast/commit/99f4004764",
    author: DEVIN_BOT,
    message: (n) => `Fix registry cache ${String(n)}\n\nCo-Authored-By: Ada Lovelace <ada@example.com>\n`,
  },
  {
    agent: "devin",
    kind: "agent",
    cls: "branch-only",
    note: "devin/ branch under a human name",
    source: "https://github.com/vellum-ai/vellum-assistant/pull/6718",
    branch: "devin/",
    message: (n) => `Resolve PR branches ${String(n)}\n`,
  },
  {
    agent: "google-jules",
    kind: "agent",
    cls: "in-commit",
    note: "Jules's app identity",
    source: "https://github.com/pksunkara/cargo-workspaces/commit/17b5467d51",
    author: JULES_BOT,
    message: (n) => `Bump edition ${String(n)}\n`,
  },
  {
    agent: "aider",
    kind: "agent",
    cls: "in-commit",
    note: "(aider) suffix on the human's name",
    source: "https://github.com/dckc/awesome-ocap/commit/cf51393916",
    author: { name: "Paul Gauthier (aider)", email: "paul@example.com" },
    message: (n) => `feat: Add --dry-run ${String(n)}\n`,
  },
  {
    agent: "aider",
    kind: "agent",
    cls: "in-commit",
    note: "aider's older subject prefix",
    source: "https://aider.chat/docs/config/options.html",
    message: (n) => `aider: Added retry logic to the client ${String(n)}\n`,
  },
  {
    agent: "aider",
    kind: "agent",
    cls: "in-commit",
    note: "aider co-author with the model",
    source: "https://github.com/iporaveparaguay/iporave-sistema/commit/a2275d40a1",
    message: (n) => `fix: handle timeout ${String(n)}\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>\n`,
  },
  {
    agent: "openhands",
    kind: "agent",
    cls: "in-commit",
    note: "OpenHands' git identity",
    source: "https://github.com/animetubeonlinebr-star/backing-track-generator/commit/d38c56e2ba",
    author: { name: "openhands", email: "openhands@all-hands.dev" },
    message: (n) => `Fix issue #${String(n)}\n`,
  },
  {
    agent: "openhands",
    kind: "agent",
    cls: "branch-only",
    note: "openhands-fix-issue-N branch",
    source: "https://docs.all-hands.dev",
    branch: "openhands-fix-issue-",
    message: (n) => `Fix issue ${String(n)}\n`,
  },
  {
    agent: "amp",
    kind: "agent",
    cls: "in-commit",
    note: "Amp's thread trailer and co-author",
    source: "https://github.com/yjsoon/howmuch/commit/785d468af0",
    message: (n) =>
      `fix: rounding ${String(n)}\n\nAmp-Thread-ID: https://ampcode.com/threads/T-${String(n)}\nCo-authored-by: Amp <amp@ampcode.com>\n`,
  },
  {
    agent: "factory-droid",
    kind: "agent",
    cls: "in-commit",
    note: "Factory droid co-author",
    source: "https://github.com/drawmeanelephant/boris/pull/1013",
    message: (n) => squash("Add metrics", n, "factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>"),
  },
  {
    agent: "opencode",
    kind: "agent",
    cls: "in-commit",
    note: "OpenCode footer and co-author",
    source: "https://github.com/RedHatProductSecurity/ai-guardian/commit/b62884bcb6",
    message: (n) =>
      `Add guard ${String(n)}\n\n🤖 Generated with [OpenCode](https://opencode.ai)\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n`,
  },
  {
    agent: "gemini-cli",
    kind: "agent",
    cls: "in-commit",
    note: "run-gemini-cli's bot identity",
    source: "https://github.com/google-github-actions/run-gemini-cli",
    author: { name: "gemini-cli[bot]", email: "gemini-cli[bot]@users.noreply.github.com" },
    message: (n) => `Triage fix ${String(n)}\n`,
  },
  {
    agent: "windsurf",
    kind: "agent",
    cls: "in-commit",
    note: "Windsurf Cascade co-author",
    source: "https://windsurf.com",
    message: (n) => `Phase ${String(n)}: split config\n\nCo-authored-by: Cascade AI <cascade@windsurf.ai>\n`,
  },
  {
    agent: "kiro",
    kind: "agent",
    cls: "in-commit",
    note: "Kiro co-author",
    source: "https://github.com/ryancormack/strands-acp/commit/6c58a8dadd",
    message: (n) => `Wire ACP ${String(n)}\n\nCo-Authored-By: Kiro <noreply@kiro.dev>\n`,
  },
  {
    agent: "coderabbit",
    kind: "agent",
    cls: "in-commit",
    note: "an applied CodeRabbit suggestion (basis suggestion)",
    source: "https://github.com/sanity-io/sanity/commit/160cd9d3c8",
    message: () =>
      `Apply suggestion from @coderabbitai[bot]\n\nCo-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>\n`,
  },
  // ---- People, and what must stay people's -------------------------------------------------
  { kind: "human", cls: "human", note: "plain human commit", source: "-", message: (n) => `fix: off-by-one in pager ${String(n)}\n` },
  {
    kind: "human",
    cls: "human",
    note: "human with a Signed-off-by",
    source: "-",
    message: (n) => `feat: export csv ${String(n)}\n\nSigned-off-by: Ada Lovelace <ada@example.com>\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "a person called Claude as co-author",
    source: "https://git-scm.com/docs/git-interpret-trailers",
    message: (n) => `feat: a thing ${String(n)}\n\nCo-Authored-By: Claude Dioudonnat <claude@dioudonnat.fr>\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "curl's Assisted-by for people",
    source: "https://github.com/curl/curl",
    message: (n) => `docs: review guide ${String(n)}\n\nAssisted-by: Daniel Gustafsson\nAssisted-by: Rich Salz\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "a subject naming an agent",
    source: "-",
    message: (n) => `[codex] Render streaming assistant deltas (#${String(n)})\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "removing the footer, in prose",
    source: "-",
    message: (n) => `docs: drop AI footers ${String(n)}\n\n- Generated with [Claude Code] lines are removed from the template.\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "human commit that Dependabot signed off (rebased bump)",
    source: "-",
    message: (n) => `chore: bump zod ${String(n)}\n\nSigned-off-by: dependabot[bot] <support@github.com>\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "human commit committed by GitHub Actions",
    source: "-",
    committer: ACTIONS,
    message: (n) => `docs: regenerate ${String(n)}\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "a human applies a person's suggestion",
    source: "-",
    message: () => `Apply suggestions from code review\n\nCo-authored-by: Grace Hopper <grace@example.org>\n`,
  },
  {
    kind: "human",
    cls: "human",
    note: "feature branch whose name mentions an agent, merged by GitHub",
    source: "-",
    branch: "feature/codex-",
    message: (n) => `Support codex config ${String(n)}\n`,
  },
  {
    kind: "human",
    cls: "human",
    times: 1,
    source: "docs/policy.md (provenance.branch_evidence)",
    branch: "codex/",
    note: "the documented risk of branch_evidence: decide — a person's own branch named codex/…, merged by GitHub",
    message: (n) => `Rename codex helpers ${String(n)}\n`,
  },
  {
    kind: "maintenance-bot",
    cls: "human",
    note: "a Dependabot bump",
    source: "-",
    author: DEPENDABOT,
    committer: WEB_FLOW,
    message: (n) => `Bump lodash from 4.17.${String(n)} to 4.17.21\n`,
  },
];
