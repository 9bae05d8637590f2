/**
 * `custody blame`: who wrote each line of a file — a person or an agent (and which), with the
 * commit and the basis. Each line takes the attribution of the commit `git blame` names for it
 * (the commit classified as the audit classifies it, including platform merges of agent-named
 * branches); where that commit carries a git-ai authorship note, the note's line ranges refine
 * it: a line inside an AI session's range is that agent's (basis `notes`), a line outside every
 * range is the person's, even in an agent-assisted commit. Nothing here infers line-level
 * authorship from history alone: without a note, a line is exactly as attributed as its commit.
 *
 * Also the agent share per file and per directory (lines, not commits).
 */
import type { BlamedLine, BlameReport, FileBlame, ShareSummary } from "../model/blame-report.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import type { BranchEvidenceMode } from "../provenance/branch-evidence.js";
import { mergedBranchEvidence, parseMergeSubject } from "../provenance/branch-evidence.js";
import type { ClassifyOptions } from "../provenance/classify-commit.js";
import { classifyCommit, UNIDENTIFIED_AGENT } from "../provenance/classify-commit.js";
import type { AuthorshipNote } from "../provenance/git-ai-notes.js";
import { noteSessionAt, parseAuthorshipNote, toolAgent } from "../provenance/git-ai-notes.js";
import type { SignatureRegistry } from "../provenance/signature-registry.js";
import type { BlameLine } from "../sources/git/blame.js";
import { blameFile, trackedFiles } from "../sources/git/blame.js";
import { listMerges, mergedCommits } from "../sources/git/merge-commits.js";
import { readAiNotes, readCommits } from "../sources/git/read-commits.js";
import type { Repository } from "../sources/git/repository.js";

export interface BlameOptions {
  repo: Repository;
  /** Paths relative to the repository root: files, or directories (every tracked file under). */
  paths: readonly string[];
  rev: string;
  registry: SignatureRegistry;
  classifyOptions?: ClassifyOptions;
  branchEvidence: BranchEvidenceMode;
}

/** Merge evidence for the wanted commits: agent-named pull requests on the first-parent line. */
async function mergeContext(options: BlameOptions, wanted: ReadonlySet<string>): Promise<Map<string, Evidence[]>> {
  const context = new Map<string, Evidence[]>();
  for (const merge of await listMerges(options.repo, options.rev)) {
    const merged = parseMergeSubject(merge.subject, merge.message);
    if (merged === undefined) {
      continue;
    }
    const evidence = mergedBranchEvidence(merged, merge.sha, options.registry, options.branchEvidence);
    if (evidence.length === 0) {
      continue;
    }
    const carried = evidence.map((item) => ({ ...item, detail: `brought in by ${item.detail}` }));
    for (const sha of await mergedCommits(options.repo, merge.parents)) {
      if (wanted.has(sha) && !context.has(sha)) {
        context.set(sha, carried);
      }
    }
  }
  return context;
}

function lineAttribution(
  blamed: BlameLine,
  commit: CommitProvenance | undefined,
  note: AuthorshipNote | undefined,
  registry: SignatureRegistry,
): Omit<BlamedLine, "line" | "sha" | "content"> {
  if (note !== undefined) {
    const session = noteSessionAt(note, blamed.originalPath, blamed.originalLine);
    if (session !== undefined) {
      return {
        kind: "agent",
        agent: toolAgent(session.tool, registry),
        basis: "notes",
        ...(session.model === undefined ? {} : { model: session.model }),
      };
    }
    // The commit's note lists the AI-written lines; this one is not among them.
    return { kind: "human", agent: null, basis: "notes" };
  }
  if (commit === undefined) {
    return { kind: "human", agent: null, basis: "commit" };
  }
  return { kind: commit.kind, agent: commit.agent ?? null, basis: commit.basis ?? "commit" };
}

function summarize(path: string, files: readonly FileBlame[]): ShareSummary {
  const totalLines = files.reduce((sum, file) => sum + file.totalLines, 0);
  const agentLines = files.reduce((sum, file) => sum + file.agentLines, 0);
  return { path, totalLines, agentLines, share: totalLines === 0 ? 0 : agentLines / totalLines };
}

function directoriesOf(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  const out = ["."];
  for (let i = 1; i <= parts.length; i += 1) {
    out.push(parts.slice(0, i).join("/"));
  }
  return out;
}

export async function blameRepository(options: BlameOptions): Promise<BlameReport> {
  const paths = new Set<string>();
  for (const path of options.paths) {
    for (const file of await trackedFiles(options.repo, path, options.rev)) {
      paths.add(file);
    }
  }
  const blamed = new Map<string, BlameLine[]>();
  for (const path of [...paths].sort()) {
    blamed.set(path, await blameFile(options.repo, path, options.rev));
  }
  const shas = new Set<string>();
  for (const lines of blamed.values()) {
    for (const line of lines) {
      shas.add(line.sha);
    }
  }
  const [commits, notes, context] = await Promise.all([
    readCommits(options.repo, [...shas]),
    readAiNotes(options.repo, [...shas]),
    mergeContext(options, shas),
  ]);
  const provenance = new Map<string, CommitProvenance>();
  for (const commit of commits) {
    provenance.set(commit.sha, classifyCommit(commit, options.registry, options.classifyOptions, context.get(commit.sha) ?? []));
  }
  const parsedNotes = new Map<string, AuthorshipNote>();
  for (const [sha, text] of notes) {
    const note = parseAuthorshipNote(text);
    if (note !== undefined) {
      parsedNotes.set(sha, note);
    }
  }
  const files: FileBlame[] = [];
  for (const [path, lines] of blamed) {
    const byAgent: Record<string, number> = {};
    let agentLines = 0;
    const out = lines.map((line) => {
      const attribution = lineAttribution(line, provenance.get(line.sha), parsedNotes.get(line.sha), options.registry);
      if (attribution.kind === "agent") {
        agentLines += 1;
        const agent = attribution.agent ?? UNIDENTIFIED_AGENT;
        byAgent[agent] = (byAgent[agent] ?? 0) + 1;
      }
      return { line: line.line, sha: line.sha, ...attribution, content: line.content };
    });
    files.push({ path, lines: out, totalLines: out.length, agentLines, byAgent });
  }
  const byDirectory = new Map<string, FileBlame[]>();
  for (const file of files) {
    for (const directory of directoriesOf(file.path)) {
      const list = byDirectory.get(directory) ?? [];
      list.push(file);
      byDirectory.set(directory, list);
    }
  }
  const directories = [...byDirectory].sort(([a], [b]) => a.localeCompare(b)).map(([path, list]) => summarize(path, list));
  return { rev: options.rev, files, directories };
}
