/**
 * Which parts of a change an agent wrote. Agent-only rules look at the files each agent
 * commit touched (a renamed file counts under both names: moving a workflow away is a change
 * to it too). When the commit-level provenance names no agent but the change as a whole is
 * an agent's (a squashed or API-built change), the net files are attributed to that agent.
 */
import type { RuleContext } from "./rule-context.js";

export interface AgentTouch {
  agent: string;
  path: string;
  /** First agent commit that touched the path. */
  commit?: string;
}

/** True when any commit, or the change as a whole, is attributed to an agent. */
export function isAgentChange(context: RuleContext): boolean {
  const { provenance } = context;
  return provenance.kind === "agent" || provenance.agents.length > 0 || provenance.commits.some((commit) => commit.kind === "agent");
}

/** The agents named in the change, for messages: `claude-code`, or `claude-code, codex`. */
export function agentNames(context: RuleContext): string {
  const names = new Set(context.provenance.agents);
  for (const commit of context.provenance.commits) {
    if (commit.kind === "agent" && commit.agent !== undefined) {
      names.add(commit.agent);
    }
  }
  if (names.size === 0 && context.provenance.agent !== undefined) {
    names.add(context.provenance.agent);
  }
  return names.size === 0 ? "an unidentified agent" : [...names].join(", ");
}

export function agentTouches(context: RuleContext): AgentTouch[] {
  const byCommit = new Map(context.provenance.commits.map((commit) => [commit.sha, commit]));
  const seen = new Set<string>();
  const touches: AgentTouch[] = [];
  const add = (touch: AgentTouch): void => {
    const key = `${touch.agent}\0${touch.path}`;
    if (!seen.has(key)) {
      seen.add(key);
      touches.push(touch);
    }
  };
  for (const commit of context.change.commits) {
    const provenance = byCommit.get(commit.sha);
    if (provenance?.kind !== "agent") {
      continue;
    }
    const agent = provenance.agent ?? context.provenance.agent ?? "unidentified-agent";
    for (const file of commit.files) {
      add({ agent, path: file.path, commit: commit.sha });
      if (file.oldPath !== undefined && file.oldPath !== file.path) {
        add({ agent, path: file.oldPath, commit: commit.sha });
      }
    }
  }
  if (touches.length === 0 && context.provenance.kind === "agent") {
    const agent = context.provenance.agent ?? context.provenance.agents[0] ?? "unidentified-agent";
    for (const file of context.change.files) {
      add({ agent, path: file.path });
      if (file.oldPath !== undefined && file.oldPath !== file.path) {
        add({ agent, path: file.oldPath });
      }
    }
  }
  return touches;
}

/** Touches grouped by agent, in first-seen order. */
export function touchesByAgent(touches: readonly AgentTouch[]): Map<string, AgentTouch[]> {
  const groups = new Map<string, AgentTouch[]>();
  for (const touch of touches) {
    const group = groups.get(touch.agent);
    if (group === undefined) {
      groups.set(touch.agent, [touch]);
    } else {
      group.push(touch);
    }
  }
  return groups;
}
