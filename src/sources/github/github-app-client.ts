/**
 * Custody as a GitHub App: an `@octokit/app` App authenticated with the app's id and private key
 * (a JWT signed with it, exchanged for installation tokens, which @octokit/auth-app caches and
 * renews). `baseUrl` points it at GitHub Enterprise Server — or, in tests, at a local stand-in.
 */
import { App } from "@octokit/app";
import { Octokit } from "@octokit/rest";
import type { GitHubClient } from "./github-request.js";

export interface GitHubAppConfig {
  appId: number | string;
  /** PEM (PKCS#1 or PKCS#8). */
  privateKey: string;
  /** API root; default https://api.github.com. */
  baseUrl?: string;
  /** Replaces global fetch (tests inject a recorder, as Probot's tests do). */
  fetch?: typeof fetch;
}

const ignore = (): void => undefined;
const SILENT = { debug: ignore, info: ignore, warn: ignore, error: ignore };

export type InstallationClientFactory = (installationId: number) => Promise<GitHubClient>;

export function githubAppClients(config: GitHubAppConfig): InstallationClientFactory {
  const CustomOctokit = Octokit.defaults({
    // Octokit logs failed requests to the console by default; library code stays silent and
    // reports failures as typed errors instead.
    log: SILENT,
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
    ...(config.fetch === undefined ? {} : { request: { fetch: config.fetch } }),
  });
  const app = new App({ appId: config.appId, privateKey: config.privateKey, Octokit: CustomOctokit, log: SILENT });
  return async (installationId) => {
    const octokit = await app.getInstallationOctokit(installationId);
    return { request: (route, params) => octokit.request(route, params) };
  };
}
