/**
 * What a package registry says about names the change adds: does the name exist, when was it
 * first published, how often is it downloaded. Hallucinated package names (an agent's invention)
 * are registered by attackers soon after; a name born last week with a dozen downloads is the
 * tell. Asked only when the policy sets `detectors.deps.registry.url`.
 *
 * npm: `GET {url}/{name}` (the packument: 404 = no such package, `time.created`), and
 * `GET {downloads_url}/downloads/point/last-month/{name}` for the monthly count.
 * PyPI: `GET {url}/pypi/{name}/json` (404 = no such project; the oldest upload time of any
 * release). Other ecosystems are not asked. A registry that fails to answer is an
 * ADVISORY_INVALID-style error the detector reports, never a silent pass.
 */
import { z } from "zod";
import { CustodyError } from "../../../model/errors.js";
import { packageKey, type Ecosystem, type Package } from "../package.js";

export interface PackageFacts {
  exists: boolean;
  /** First publication (ISO date-time). */
  created?: string | undefined;
  /** Downloads in the last month, when the registry tells. */
  downloads?: number | undefined;
}

export interface RegistryFacts {
  /** The registry asked, for the report. */
  source: string;
  get(ecosystem: Ecosystem, name: string): PackageFacts | undefined;
}

export interface RegistryOptions {
  url: string;
  downloads_url?: string | undefined;
}

const npmSchema = z.looseObject({ time: z.record(z.string(), z.string()).optional() });
const npmDownloadsSchema = z.looseObject({ downloads: z.number().int().min(0) });
const pypiSchema = z.looseObject({
  releases: z
    .record(z.string(), z.array(z.looseObject({ upload_time_iso_8601: z.string().optional(), upload_time: z.string().optional() })))
    .default({}),
});

const CONCURRENCY = 8;
const TIMEOUT_MS = 15_000;
const ASKED: readonly Ecosystem[] = ["npm", "PyPI"];

export async function queryRegistry(
  options: RegistryOptions,
  packages: readonly Package[],
  fetchImpl: typeof fetch = fetch,
): Promise<RegistryFacts> {
  const root = options.url.replace(/\/+$/, "");
  const facts = new Map<string, PackageFacts>();
  const queue = [
    ...new Map(
      packages.filter((item) => ASKED.includes(item.ecosystem)).map((item) => [packageKey(item.ecosystem, item.name), item]),
    ).values(),
  ];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      facts.set(
        packageKey(item.ecosystem, item.name),
        item.ecosystem === "npm"
          ? await askNpm(root, options.downloads_url, item.name, fetchImpl)
          : await askPypi(root, item.name, fetchImpl),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return { source: root, get: (ecosystem, name) => facts.get(packageKey(ecosystem, name)) };
}

async function askNpm(root: string, downloadsUrl: string | undefined, name: string, fetchImpl: typeof fetch): Promise<PackageFacts> {
  // Scoped names keep their "@" and encode the "/" (as the npm client asks).
  const path = `/${name.startsWith("@") ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
  const packument = await getJson(root, path, fetchImpl);
  if (packument === undefined) {
    return { exists: false };
  }
  const parsed = npmSchema.safeParse(packument);
  if (!parsed.success) {
    throw unavailable(root, `the answer for ${name} is not a package document`);
  }
  let downloads: number | undefined;
  if (downloadsUrl !== undefined) {
    const droot = downloadsUrl.replace(/\/+$/, "");
    const answer = await getJson(droot, `/downloads/point/last-month/${name}`, fetchImpl);
    const count = npmDownloadsSchema.safeParse(answer);
    downloads = count.success ? count.data.downloads : answer === undefined ? 0 : undefined;
  }
  return { exists: true, created: parsed.data.time?.["created"], downloads };
}

async function askPypi(root: string, name: string, fetchImpl: typeof fetch): Promise<PackageFacts> {
  const answer = await getJson(root, `/pypi/${encodeURIComponent(name)}/json`, fetchImpl);
  if (answer === undefined) {
    return { exists: false };
  }
  const parsed = pypiSchema.safeParse(answer);
  if (!parsed.success) {
    throw unavailable(root, `the answer for ${name} is not a project document`);
  }
  const times = Object.values(parsed.data.releases)
    .flat()
    .map((file) => file.upload_time_iso_8601 ?? file.upload_time)
    .filter((time): time is string => time !== undefined)
    .sort();
  return { exists: true, created: times[0] };
}

/** The parsed JSON, or undefined for a 404 (the registry's "no such package"). */
async function getJson(root: string, path: string, fetchImpl: typeof fetch): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${root}${path}`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw unavailable(root, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 404) {
    return undefined;
  }
  if (!response.ok) {
    throw unavailable(root, `HTTP ${String(response.status)} for ${path}`);
  }
  try {
    return await response.json();
  } catch {
    throw unavailable(root, `the answer for ${path} is not JSON`);
  }
}

function unavailable(root: string, problem: string): CustodyError {
  return new CustodyError(
    "REGISTRY_UNAVAILABLE",
    `${root}: the package registry could not be asked (${problem}). Check detectors.deps.registry.url.`,
    { position: { file: root } },
  );
}
