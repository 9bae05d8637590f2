/**
 * The commit-msg hook's work: classify the commit about to be made (author and committer from
 * git, trailers parsed by `git interpret-trailers`) with the same signatures `custody check`
 * uses, and name the required trailers an agent-authored commit's message lacks. A session that
 * set CUSTODY_AGENT_TASK counts as an agent's whatever the identity says.
 */
import type { Commit, Signature } from "../../model/commit.js";
import { loadPolicy } from "../../policy/index.js";
import { buildRegistry, classifyCommit } from "../../provenance/index.js";
import { envValue, git, readMessageFile, repositoryRoot, TASK_ENV, trailerKeys, type HookContext } from "./hook-context.js";

/** `Name <email> 1700000000 +0000` as `git var` prints an ident. */
function parseIdent(ident: string): Signature {
  const text = ident.trim();
  const open = text.lastIndexOf("<");
  const close = text.lastIndexOf(">");
  if (open === -1 || close < open) {
    return { name: text, email: "", date: new Date().toISOString() };
  }
  return { name: text.slice(0, open).trim(), email: text.slice(open + 1, close).trim(), date: new Date().toISOString() };
}

async function identity(io: HookContext, role: "AUTHOR" | "COMMITTER"): Promise<Signature> {
  // git exports the commit's identity to its hooks; the git we spawn does not inherit GIT_*
  // variables, so read them here first and ask `git var` (config, defaults) only without them.
  const name = io.env[`GIT_${role}_NAME`];
  const email = io.env[`GIT_${role}_EMAIL`];
  const fromGit = parseIdent(await git(io.cwd, ["var", `GIT_${role}_IDENT`]));
  return { name: name ?? fromGit.name, email: email ?? fromGit.email, date: fromGit.date };
}

function withoutComments(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
}

/** The commit about to be made, as the classifier sees commits. */
async function pendingCommit(io: HookContext, messageFile: string): Promise<Commit> {
  const { text } = await readMessageFile(io, messageFile);
  const message = withoutComments(text);
  const parsed = await git(io.cwd, ["interpret-trailers", "--parse"], message);
  const trailers = parsed
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const colon = line.indexOf(":");
      return colon === -1 ? { key: line.trim(), value: "" } : { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });
  const subject = message.split("\n").find((line) => line.trim() !== "") ?? "";
  return {
    sha: "0".repeat(40),
    parents: [],
    author: await identity(io, "AUTHOR"),
    committer: await identity(io, "COMMITTER"),
    subject,
    message,
    trailers,
    files: [],
  };
}

export interface CommitMessageVerdict {
  agent?: string;
  missing: string[];
}

export async function checkCommitMessage(io: HookContext, messageFile: string): Promise<CommitMessageVerdict> {
  const root = await repositoryRoot(io.cwd);
  const { policy } = await loadPolicy({ repoDir: root });
  const keys = trailerKeys(policy);
  const commit = await pendingCommit(io, messageFile);
  const provenance = classifyCommit(commit, buildRegistry(policy.agents), { requiredTrailers: keys.required });
  // A session that set CUSTODY_AGENT_TASK declared itself an agent's, whatever the identity says.
  const declared = envValue(io, TASK_ENV) !== undefined;
  if (provenance.kind !== "agent" && !declared) {
    return { missing: [] };
  }
  const present = new Set(Object.keys(provenance.provenanceTrailers));
  const missing = keys.required.filter((key) => !present.has(key.toLowerCase()));
  return { agent: provenance.agent ?? "declared agent session", missing };
}
