/**
 * Samples for every built-in signature, looped over by agent-signatures.test.ts: each positive
 * must classify to its signature (kind and id), each negative to what it states. Identities are
 * the ones the agents really write; the people are invented (example.com and friends).
 */
import type { ActorKind } from "../../model/actor.js";
import type { CommitSpec } from "./make-commit.js";
import { JANE, WEB_FLOW } from "./make-commit.js";

export interface Sample extends CommitSpec {
  /** Why the sample exists: what a person would recognise in it. */
  note: string;
}

export interface NegativeSample extends Sample {
  expect: { kind: ActorKind; agent?: string };
}

export interface SignatureSamples {
  positives: Sample[];
  negatives: NegativeSample[];
}

const HUMAN = { kind: "human" } as const;

export const SIGNATURE_SAMPLES: Record<string, SignatureSamples> = {
  "github-copilot": {
    positives: [
      {
        note: "coding agent commit: copilot-swe-agent[bot] with the Copilot account's no-reply email, committed by web-flow",
        author: ["copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"],
        committer: WEB_FLOW,
        subject: "Initial plan",
        trailers: [["Co-authored-by", "Jane Doe <jane.doe@example.com>"]],
      },
      {
        note: "squash merge of a Copilot PR by a human keeps the agent as co-author",
        trailers: [["Co-authored-by", "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"]],
      },
      {
        note: "the Copilot co-author address",
        trailers: [["Co-authored-by", "Copilot <copilot@github.com>"]],
      },
    ],
    negatives: [
      { note: "a surname containing Copilot", author: ["Maria Copilotti", "maria@example.it"], expect: HUMAN },
      {
        note: "a GitHub no-reply address whose login merely ends in Copilot",
        author: ["Not Copilot", "12345+NotCopilot@users.noreply.github.com"],
        expect: HUMAN,
      },
      {
        note: "a co-author who calls himself Copilot but writes from a personal address: a name alone is weak",
        trailers: [["Co-authored-by", "Copilot <pilot.joe@example.com>"]],
        expect: HUMAN,
      },
    ],
  },
  "claude-code": {
    positives: [
      {
        note: "Claude Code's own trailer and footer on a human's commit",
        body: "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
        trailers: [["Co-Authored-By", "Claude <noreply@anthropic.com>"]],
      },
      {
        note: "newer versions name the model in the co-author",
        trailers: [["Co-authored-by", "Claude Opus 4.5 <noreply@anthropic.com>"]],
      },
      {
        note: "the Claude GitHub App as author",
        author: ["claude[bot]", "209825114+claude[bot]@users.noreply.github.com"],
      },
      {
        note: "Linux kernel disclosure form Assisted-by: AGENT:MODEL [TOOLS]",
        trailers: [
          ["Assisted-by", "Claude:claude-3-opus coccinelle sparse"],
          ["Signed-off-by", "Jane Doe <jane.doe@example.com>"],
        ],
      },
    ],
    negatives: [
      {
        note: "a human named Claude Shannon",
        trailers: [["Co-authored-by", "Claude Shannon <claude.shannon@example.edu>"]],
        expect: HUMAN,
      },
      { note: "a French colleague called just Claude", trailers: [["Co-authored-by", "Claude <claude.dupont@example.fr>"]], expect: HUMAN },
      { note: "an Anthropic employee committing by hand", author: ["Jane Roe", "jane@anthropic.com"], expect: HUMAN },
      {
        note: "the footer pasted into a message without any identity is a mention, not authorship",
        body: "Docs: explain what 'Generated with [Claude Code]' means in our changelog.",
        expect: HUMAN,
      },
    ],
  },
  "openai-codex": {
    positives: [
      { note: "Codex commits with codex@openai.com under a drifting display name", author: ["GPT 5.4", "codex@openai.com"] },
      {
        note: "the ChatGPT Codex connector as co-author",
        trailers: [["Co-authored-by", "chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [
      { note: "an OpenAI employee committing by hand", author: ["Wojciech Kowalski", "wojciech@openai.com"], expect: HUMAN },
      {
        note: "a task link quoted in a message is weak",
        body: "Compare with https://chatgpt.com/codex/tasks/task_e_123 before merging.",
        expect: HUMAN,
      },
    ],
  },
  devin: {
    positives: [
      {
        note: "Devin's app identity as author",
        author: ["devin-ai-integration[bot]", "158243242+devin-ai-integration[bot]@users.noreply.github.com"],
      },
      {
        note: "Devin CLI's co-author trailer",
        body: "Generated with [Devin](https://devin.ai)",
        trailers: [["Co-Authored-By", "Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [
      { note: "a person named Devin Smith with a personal email", author: ["Devin Smith", "devin.smith@gmail.com"], expect: HUMAN },
      { note: "a person who signs as just Devin", author: ["Devin", "devin@example.com"], expect: HUMAN },
    ],
  },
  "google-jules": {
    positives: [
      {
        note: "Jules's app identity as author",
        author: ["google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com"],
      },
      {
        note: "Jules as co-author of a squash merge",
        trailers: [["Co-authored-by", "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [
      { note: "Jules Verne", author: ["Jules Verne", "jules@example.fr"], expect: HUMAN },
      { note: "a co-author called Jules", trailers: [["Co-authored-by", "Jules <jules.m@example.com>"]], expect: HUMAN },
    ],
  },
  cursor: {
    positives: [
      { note: "Cursor's co-author trailer", trailers: [["Co-authored-by", "Cursor Agent <cursoragent@cursor.com>"]] },
      { note: "a Cursor background agent as author", author: ["Cursor Agent", "cursoragent@cursor.com"] },
    ],
    negatives: [
      { note: "the word cursor in a message", subject: "fix: reset the cursor after paging", expect: HUMAN },
      {
        note: "the agent's name from a personal address",
        trailers: [["Co-authored-by", "Cursor Agent <cursor-fan@example.com>"]],
        expect: HUMAN,
      },
    ],
  },
  aider: {
    positives: [
      {
        note: "aider appends (aider) to the human's author and committer names",
        author: ["Paul Gauthier (aider)", "paul@example.com"],
        subject: "feat: add --dry-run",
      },
      {
        note: "aider's co-author trailer with the model",
        trailers: [["Co-authored-by", "aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>"]],
      },
      { note: "older aider co-author address", trailers: [["Co-authored-by", "aider (gpt-4o) <noreply@aider.chat>"]] },
    ],
    negatives: [
      { note: "a surname Aider", author: ["Sam Aider", "sam.aider@example.com"], expect: HUMAN },
      { note: "a name that merely contains aider", author: ["Raider Jones", "raider@example.com"], expect: HUMAN },
    ],
  },
  "amazon-q-developer": {
    positives: [
      {
        note: "Amazon Q Developer's app identity",
        author: ["amazon-q-developer[bot]", "208079219+amazon-q-developer[bot]@users.noreply.github.com"],
      },
    ],
    negatives: [{ note: "the product name from a personal address", author: ["Amazon Q Developer", "q-fan@example.com"], expect: HUMAN }],
  },
  "gemini-cli": {
    positives: [
      {
        note: "run-gemini-cli commits as gemini-cli[bot] with the id-less no-reply address",
        author: ["gemini-cli[bot]", "gemini-cli[bot]@users.noreply.github.com"],
      },
    ],
    negatives: [{ note: "a person named Gemini", author: ["Gemini Jones", "gemini@example.com"], expect: HUMAN }],
  },
  openhands: {
    positives: [
      { note: "OpenHands' default git identity", author: ["openhands", "openhands@all-hands.dev"] },
      { note: "OpenHands as co-author", trailers: [["Co-authored-by", "openhands <openhands@all-hands.dev>"]] },
    ],
    negatives: [{ note: "a similar-sounding person", author: ["Open Hands", "hands@example.com"], expect: HUMAN }],
  },
  amp: {
    positives: [
      { note: "Amp's co-author trailer", trailers: [["Co-authored-by", "Amp <amp@ampcode.com>"]] },
      {
        note: "Amp's thread link, which only Amp writes",
        trailers: [["Amp-Thread-ID", "https://ampcode.com/threads/T-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"]],
      },
    ],
    negatives: [{ note: "the word amp in a subject", subject: "fix: clamp the amp level", expect: HUMAN }],
  },
  "factory-droid": {
    positives: [
      {
        note: "Factory's droid as co-author",
        trailers: [["Co-authored-by", "factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>"]],
      },
      { note: "the Droid CLI's address", trailers: [["Co-authored-by", "Droid <droid@factory.ai>"]] },
    ],
    negatives: [
      { note: "a person called Droid elsewhere", trailers: [["Co-authored-by", "Droid <droid.fan@example.com>"]], expect: HUMAN },
    ],
  },
  opencode: {
    positives: [
      { note: "OpenCode's co-author trailer", trailers: [["Co-authored-by", "opencode <noreply@opencode.ai>"]] },
      { note: "OpenCode's own footer line", body: "🤖 Generated with [OpenCode](https://opencode.ai)" },
    ],
    negatives: [{ note: "a person who writes about opencode", subject: "docs: compare opencode and others", expect: HUMAN }],
  },
  kiro: {
    positives: [{ note: "Kiro's co-author address", trailers: [["Co-authored-by", "Kiro <noreply@kiro.dev>"]] }],
    negatives: [{ note: "a person named Kiro", author: ["Kiro Tanaka", "kiro@example.jp"], expect: HUMAN }],
  },
  windsurf: {
    positives: [{ note: "Windsurf Cascade's address", trailers: [["Co-authored-by", "Windsurf Cascade <cascade@windsurf.ai>"]] }],
    negatives: [
      {
        note: "a co-author called Cascade at a personal address",
        trailers: [["Co-authored-by", "Cascade <cascade@example.com>"]],
        expect: HUMAN,
      },
    ],
  },
  tabnine: {
    positives: [{ note: "Tabnine's co-author address", trailers: [["Co-authored-by", "Tabnine Agent <noreply@tabnine.com>"]] }],
    negatives: [{ note: "a Tabnine employee's own commit", author: ["Dana Tabnine-Staff", "dana@example.com"], expect: HUMAN }],
  },
  continue: {
    positives: [{ note: "Continue's co-author address", trailers: [["Co-authored-by", "Continue <noreply@continue.dev>"]] }],
    negatives: [
      {
        note: "the word Continue as a name without the address",
        trailers: [["Co-authored-by", "Continue <c@example.com>"]],
        expect: HUMAN,
      },
    ],
  },
  "qwen-code": {
    positives: [{ note: "Qwen Code's co-author address", trailers: [["Co-authored-by", "Qwen-Coder <qwen-coder@alibabacloud.com>"]] }],
    negatives: [{ note: "a person at the vendor", author: ["Li Wei", "li.wei@alibabacloud.com"], expect: HUMAN }],
  },
  trae: {
    positives: [{ note: "TRAE CLI's co-author address", trailers: [["Co-authored-by", "TRAE CLI <traecli@bytedance.com>"]] }],
    negatives: [{ note: "a person at the vendor", author: ["Zhang San", "zhang.san@bytedance.com"], expect: HUMAN }],
  },
  crush: {
    positives: [{ note: "Crush's co-author address", trailers: [["Co-authored-by", "Crush <crush@charm.land>"]] }],
    negatives: [{ note: "a person at the vendor", author: ["Christian", "christian@charm.land"], expect: HUMAN }],
  },
  "replit-agent": {
    positives: [{ note: "Replit Agent as author", author: ["Replit Agent", "agent@replit.com"] }],
    negatives: [{ note: "a person at the vendor", author: ["Amjad", "amjad@replit.com"], expect: HUMAN }],
  },
  sweep: {
    positives: [{ note: "Sweep's app identity as author", author: ["sweep-ai[bot]", "128439645+sweep-ai[bot]@users.noreply.github.com"] }],
    negatives: [{ note: "the word sweep", subject: "chore: sweep unused imports", expect: HUMAN }],
  },
  "copilot-code-review": {
    positives: [
      {
        note: "a review suggestion applied from Copilot code review credits the reviewer bot",
        trailers: [["Co-authored-by", "Copilot <175728472+copilot-pull-request-reviewer[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [{ note: "a person whose name resembles the bot", author: ["Copilot Reviewer", "reviewer@example.com"], expect: HUMAN }],
  },
  coderabbit: {
    positives: [
      {
        note: "CodeRabbit pushes a docstring commit",
        author: ["coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com"],
      },
    ],
    negatives: [{ note: "a person", author: ["Code Rabbit", "rabbit@example.com"], expect: HUMAN }],
  },
  "gemini-code-assist": {
    positives: [
      {
        note: "an applied Gemini Code Assist suggestion",
        trailers: [["Co-authored-by", "gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [{ note: "a person", author: ["Gemini Code", "gcode@example.com"], expect: HUMAN }],
  },
  "cursor-bugbot": {
    positives: [
      {
        note: "a Bugbot fix applied with its credit",
        trailers: [["Co-authored-by", "cursor[bot] <206951365+cursor[bot]@users.noreply.github.com>"]],
      },
    ],
    negatives: [
      {
        note: "the Cursor agent is not Bugbot",
        trailers: [["Co-authored-by", "Cursor Agent <cursoragent@cursor.com>"]],
        expect: { kind: "agent", agent: "cursor" },
      },
    ],
  },
  dependabot: {
    positives: [
      {
        note: "a Dependabot version bump",
        author: ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"],
        committer: WEB_FLOW,
        subject: "Bump lodash from 4.17.20 to 4.17.21",
        trailers: [["Signed-off-by", "dependabot[bot] <support@github.com>"]],
      },
    ],
    negatives: [
      {
        note: "a Dependabot commit an agent then co-authored is agent work",
        author: ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"],
        trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]],
        expect: { kind: "agent", agent: "claude-code" },
      },
    ],
  },
  renovate: {
    positives: [
      {
        note: "a Renovate update",
        author: ["renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"],
        subject: "chore(deps): update dependency zod to v4",
      },
    ],
    negatives: [{ note: "a company called Renovate", author: ["Renovate Homes", "info@renovate.example"], expect: HUMAN }],
  },
  "github-actions": {
    positives: [
      {
        note: "a workflow commit",
        author: ["github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"],
        subject: "chore: update generated docs",
      },
    ],
    negatives: [{ note: "a human who runs the actions", author: JANE, subject: "ci: pin actions", expect: HUMAN }],
  },
};
