/**
 * Bearer-token authentication for the REST API, as Hono middleware: no, unknown, expired or
 * revoked token → 401 (with `WWW-Authenticate`), a token whose role is below the route's → 403,
 * and a route about the whole installation (`wholeInstallation`) refuses a token scoped to some
 * repositories. The grant (role and scope) is put on the context for handlers to filter by.
 */
import type { MiddlewareHandler } from "hono";
import { roleAllows, type Grant, type Role, type TokenStore } from "./token-store.js";

export type AuthEnv = { Variables: { role: Role; grant: Grant } };

export function requireRole(tokens: TokenStore, required: Role, options: { wholeInstallation?: boolean } = {}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
    const grant = match?.[1] === undefined ? undefined : tokens.verify(match[1]);
    if (grant === undefined) {
      c.header("WWW-Authenticate", 'Bearer realm="custody"');
      return c.json(
        {
          error: "unauthorized",
          message:
            "A valid API token is required: send `Authorization: Bearer <token>` (create one with `custody serve token create`; expired and revoked tokens are refused).",
        },
        401,
      );
    }
    if (!roleAllows(grant.role, required)) {
      return c.json({ error: "forbidden", message: `This route needs the ${required} role; the token has ${grant.role}.` }, 403);
    }
    if (options.wholeInstallation === true && grant.scope !== undefined) {
      return c.json({ error: "forbidden", message: "This route covers every repository; the token is scoped to some of them." }, 403);
    }
    c.set("role", grant.role);
    c.set("grant", grant);
    await next();
    return undefined;
  };
}
