/**
 * The check run's `details_url`: a link to the server's page explaining one evaluation. GitHub
 * shows the link to everyone who can see the pull request, and a browser sends no API token,
 * so the link itself carries the permission — an HMAC of the pull request and head under a
 * server key (by default derived from the webhook secret, which never leaves the server). A
 * guessed or edited link is refused; the signature is compared in constant time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function detailsKeyFrom(webhookSecret: string): string {
  return createHmac("sha256", webhookSecret).update("custody details links v1").digest("hex");
}

function signature(key: string, repo: string, number: number, headSha: string): string {
  return createHmac("sha256", key)
    .update(`${repo}#${String(number)}@${headSha}`)
    .digest("base64url")
    .slice(0, 32);
}

/** `/details/octo/widgets/7/<head>?sig=…` */
export function detailsPath(key: string, ref: { repo: string; number: number; headSha: string }): string {
  const [owner = "", name = ""] = ref.repo.split("/");
  return `/details/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/${String(ref.number)}/${encodeURIComponent(ref.headSha)}?sig=${signature(key, ref.repo, ref.number, ref.headSha)}`;
}

export function detailsSignatureValid(key: string, ref: { repo: string; number: number; headSha: string }, presented: string): boolean {
  const expected = Buffer.from(signature(key, ref.repo, ref.number, ref.headSha));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
