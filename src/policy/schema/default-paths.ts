/**
 * The path lists a policy starts from: what is protected from agents, which files declare
 * dependencies, and the branch prefixes agents use. Data, not code: explain, init and the JSON
 * Schema all show these same values.
 */

/** Where Custody looks for the policy, in order, relative to the repository root. */
export const DEFAULT_POLICY_PATHS = [".github/custody.yml", ".github/custody.yaml"] as const;

/** Where GitHub looks for CODEOWNERS, in the order it looks (the first one found wins). */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/**
 * Protected by default. Each group is a place where one edit changes what runs with privileges
 * (CI, infrastructure, images), who must review (CODEOWNERS, this policy) or how the agents
 * themselves behave (their instructions and tool configuration): an agent that can rewrite its
 * own instructions or the checks that judge it is no longer under control.
 */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = [
  // CI and automation
  ".github/workflows/**",
  ".github/actions/**",
  ".github/dependabot.yml",
  ".gitlab-ci.yml",
  // review and policy
  ".github/CODEOWNERS",
  "CODEOWNERS",
  "docs/CODEOWNERS",
  ".github/custody.yml",
  ".github/custody.yaml",
  // infrastructure as code: Terraform/OpenTofu, Kubernetes and Helm, Pulumi, CloudFormation/SAM/CDK, containers
  "**/*.tf",
  "**/*.tfvars",
  "**/*.tofu",
  "**/.terraform.lock.hcl",
  "**/k8s/**",
  "**/kubernetes/**",
  "**/helm/**",
  "**/charts/**",
  "**/kustomization.yaml",
  "**/kustomization.yml",
  "**/Pulumi.yaml",
  "**/Pulumi.*.yaml",
  "**/cloudformation/**",
  "**/*.cfn.yaml",
  "**/*.cfn.yml",
  "**/*.cfn.json",
  "**/template.yaml",
  "**/samconfig.toml",
  "**/cdk.json",
  "**/Dockerfile",
  "**/Dockerfile.*",
  "**/*.dockerfile",
  "**/docker-compose.yml",
  "**/docker-compose.yaml",
  "**/compose.yml",
  "**/compose.yaml",
  // the agents' own configuration
  "**/AGENTS.md",
  "**/CLAUDE.md",
  ".github/copilot-instructions.md",
  ".github/instructions/**",
  ".github/agents/**",
  ".github/workflows/copilot-setup-steps.yml",
  "**/copilot-setup-steps.yml",
  ".cursor/rules/**",
  ".cursorrules",
  ".mcp.json",
  ".vscode/mcp.json",
  ".claude/settings.json",
  ".claude/settings.local.json",
  ".claude/agents/**",
  ".claude/commands/**",
  "GEMINI.md",
  ".gemini/**",
];

/** Dependency manifests and lockfiles: npm, pnpm, yarn, bun, PyPI, Go, Cargo, Maven, Gradle, Ruby, PHP. */
export const DEFAULT_DEPENDENCY_FILES: readonly string[] = [
  "**/package.json",
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/pnpm-lock.yaml",
  "**/pnpm-workspace.yaml",
  "**/yarn.lock",
  "**/bun.lock",
  "**/bun.lockb",
  "**/requirements*.txt",
  "**/requirements/*.txt",
  "**/pyproject.toml",
  "**/poetry.lock",
  "**/uv.lock",
  "**/Pipfile",
  "**/Pipfile.lock",
  "**/setup.py",
  "**/setup.cfg",
  "**/go.mod",
  "**/go.sum",
  "**/Cargo.toml",
  "**/Cargo.lock",
  "**/pom.xml",
  "**/build.gradle",
  "**/build.gradle.kts",
  "**/gradle.lockfile",
  "**/libs.versions.toml",
  "**/Gemfile",
  "**/Gemfile.lock",
  "**/composer.json",
  "**/composer.lock",
];

/** Head-branch globs agent tools use when they open pull requests. */
export const DEFAULT_AGENT_BRANCHES: readonly string[] = [
  "copilot/**",
  "codex/**",
  "claude/**",
  "cursor/**",
  "devin/**",
  "jules/**",
  "agent/**",
  "agents/**",
];
