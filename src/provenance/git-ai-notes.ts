/**
 * git-ai authorship logs (Git AI Standard v3.0.0, schema `authorship/3.0.0`), attached to commits
 * as git notes under `refs/notes/ai`: an attestation section (a file path at the start of a line,
 * then `  <session hash> <ranges>` lines, ranges like `1-4,9,12-20`), a line holding exactly
 * `---`, then JSON metadata whose `prompts` map each session hash to its agent (`agent_id.tool`,
 * `agent_id.model`) and the human who prompted it.
 * Spec: https://github.com/git-ai-project/git-ai/blob/main/specs/git_ai_standard_v3.0.0.md
 *
 * Notes are untrusted text (anyone who can push a ref can write one): parsed defensively, never
 * thrown on — a malformed note yields nothing, and the commit keeps its other evidence. Line
 * numbers are those of the file in the commit the note is attached to.
 */
import { z } from "zod";
import type { Evidence } from "../model/provenance.js";
import { UNIDENTIFIED_AGENT } from "./classify-commit.js";
import { normalizeText } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

export interface NoteSession {
  tool: string;
  model?: string;
  humanAuthor?: string;
}

export interface AuthorshipNote {
  /** Per file path: line ranges (inclusive) with the session that wrote them. */
  files: Map<string, { start: number; end: number; session: string }[]>;
  sessions: Map<string, NoteSession>;
}

const metadataSchema = z.looseObject({
  schema_version: z.string().refine((value) => value.startsWith("authorship/3."), "unsupported authorship schema"),
  prompts: z.record(
    z.string(),
    z.looseObject({
      agent_id: z.looseObject({ tool: z.string().min(1), model: z.string().optional() }),
      human_author: z.string().optional(),
    }),
  ),
});

const ENTRY = /^ {2}([0-9a-f]{7,64}) ([0-9,-]+)$/u;
const MAX_RANGES = 100_000;

function parseRanges(text: string): { start: number; end: number }[] | undefined {
  const out: { start: number; end: number }[] = [];
  for (const part of text.split(",")) {
    const dash = part.indexOf("-");
    const start = Number(dash === -1 ? part : part.slice(0, dash));
    const end = Number(dash === -1 ? part : part.slice(dash + 1));
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
      return undefined;
    }
    out.push({ start, end });
  }
  return out;
}

function unquote(path: string): string {
  return path.length >= 2 && path.startsWith('"') && path.endsWith('"') ? path.slice(1, -1) : path;
}

export function parseAuthorshipNote(text: string): AuthorshipNote | undefined {
  const lines = text.split("\n");
  const divider = lines.indexOf("---");
  if (divider === -1) {
    return undefined;
  }
  let metadata: z.infer<typeof metadataSchema>;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(lines.slice(divider + 1).join("\n")));
    if (!parsed.success) {
      return undefined;
    }
    metadata = parsed.data;
  } catch {
    return undefined;
  }
  const sessions = new Map<string, NoteSession>();
  for (const [hash, prompt] of Object.entries(metadata.prompts)) {
    sessions.set(hash, {
      tool: prompt.agent_id.tool,
      ...(prompt.agent_id.model === undefined ? {} : { model: prompt.agent_id.model }),
      ...(prompt.human_author === undefined ? {} : { humanAuthor: prompt.human_author }),
    });
  }
  const files = new Map<string, { start: number; end: number; session: string }[]>();
  let file: string | undefined;
  let count = 0;
  for (const line of lines.slice(0, divider)) {
    if (line === "") {
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry) {
      const ranges = parseRanges(entry[2] ?? "");
      if (file === undefined || ranges === undefined) {
        return undefined;
      }
      count += ranges.length;
      if (count > MAX_RANGES) {
        return undefined;
      }
      const list = files.get(file) ?? [];
      for (const range of ranges) {
        list.push({ ...range, session: entry[1] ?? "" });
      }
      files.set(file, list);
    } else if (!line.startsWith(" ")) {
      file = unquote(line);
    } else {
      return undefined;
    }
  }
  return { files, sessions };
}

/** The session that wrote `line` of `path` per the note, if any. */
export function noteSessionAt(note: AuthorshipNote, path: string, line: number): NoteSession | undefined {
  const ranges = note.files.get(path);
  const hit = ranges?.find((range) => range.start <= line && line <= range.end);
  if (hit === undefined) {
    return undefined;
  }
  // Older logs use 7-character hashes in the attestation section (the spec keeps them valid).
  return note.sessions.get(hit.session) ?? [...note.sessions].find(([hash]) => hash.startsWith(hit.session))?.[1] ?? { tool: "unknown" };
}

/** git-ai's `agent_id.tool` values mapped to signature ids where the tool's name differs. */
const TOOL_IDS: Record<string, string> = {
  claude: "claude-code",
  "claude-code": "claude-code",
  copilot: "github-copilot",
  "github-copilot": "github-copilot",
  codex: "openai-codex",
  "openai-codex": "openai-codex",
  gemini: "gemini-cli",
  "gemini-cli": "gemini-cli",
  cursor: "cursor",
  "cursor-agent": "cursor",
};

/** The signature id for a git-ai tool name (`claude` → `claude-code`), else the unidentified agent. */
export function toolAgent(tool: string, registry: SignatureRegistry): string {
  const key = normalizeText(tool);
  const mapped = TOOL_IDS[key];
  if (mapped !== undefined) {
    return mapped;
  }
  if (registry.get(key) !== undefined) {
    return key;
  }
  const [position] = registry.nameIndex.match(key).keys();
  return position === undefined ? UNIDENTIFIED_AGENT : (registry.matchers[position]?.signature.id ?? UNIDENTIFIED_AGENT);
}

/** Commit-level evidence from a note: every AI session that wrote attested lines (basis `notes`). */
export function noteEvidence(note: AuthorshipNote, registry: SignatureRegistry): Evidence[] {
  const used = new Map<string, number>();
  for (const ranges of note.files.values()) {
    for (const range of ranges) {
      used.set(range.session, (used.get(range.session) ?? 0) + range.end - range.start + 1);
    }
  }
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const [hash, lines] of used) {
    const session = note.sessions.get(hash) ?? [...note.sessions].find(([key]) => key.startsWith(hash))?.[1];
    if (session === undefined) {
      continue;
    }
    const agent = toolAgent(session.tool, registry);
    if (seen.has(agent)) {
      continue;
    }
    seen.add(agent);
    const model = session.model === undefined ? "" : `, model ${session.model}`;
    evidence.push({
      signal: "git-notes",
      strength: "medium",
      subject: agent,
      kind: "agent",
      detail: `git-ai note (refs/notes/ai): ${String(lines)} lines written by ${session.tool}${model}${session.humanAuthor === undefined ? "" : `, prompted by ${session.humanAuthor}`}`,
    });
  }
  return evidence;
}
