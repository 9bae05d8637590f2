/**
 * Disclosure preset: the Linux kernel's `Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]`
 * (Documentation/process/coding-assistants.rst). Fedora and LLVM use the same key with a free
 * value (`Assisted-by: GitHub Copilot`), which parses as an agent with no model.
 *
 * Never throws: the value is untrusted commit text. A value that does not follow the format
 * yields the whole text as the agent name, so the signature matcher can still try it.
 */

export interface AssistedBy {
  /** `Claude`, `Claude Code`, `GitHub Copilot`. */
  agent: string;
  /** `claude-3-opus`, when the value names one. */
  model?: string;
  /** Specialised analysis tools listed after the model (`coccinelle`, `sparse`). */
  tools: string[];
}

export function parseAssistedBy(value: string): AssistedBy {
  const text = value.replace(/\s+/gu, " ").trim();
  const colon = text.indexOf(":");
  // `Assisted-by: Claude <noreply@anthropic.com>` is an identity, not the kernel form, and a URL
  // (`https://…`) is not an agent:model pair either.
  if (colon <= 0 || text.includes("<") || text.slice(colon, colon + 3) === "://") {
    return { agent: text, tools: [] };
  }
  const agent = text.slice(0, colon).trim();
  const [model, ...tools] = text
    .slice(colon + 1)
    .trim()
    .split(" ")
    .filter((token) => token !== "");
  const cleanTools = tools.map((tool) => tool.replace(/^\[|\]$/gu, "")).filter((tool) => tool !== "");
  return model === undefined ? { agent, tools: cleanTools } : { agent, model, tools: cleanTools };
}
